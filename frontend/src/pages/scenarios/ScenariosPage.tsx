import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ArrowDownWideNarrow, ArrowUpNarrowWide, Database, GitCompareArrows, Plus, Search, SearchX } from 'lucide-react';
import { scenarios as scenariosApi, type ScenarioFilters } from '../../api/endpoints';
import { keys, useModels } from '../../api/hooks';
import { AWS_REGIONS } from '../../api/regions';
import { SCENARIO_STATUSES, type ScenarioStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import {
  Alert, Badge, Button, Card, EmptyState, Field, Input, PageHeader, Pagination, Select, Skeleton, Table, cx, td, th,
} from '../../components/ui';
import { StatusBadge, modelName } from '../../components/ScenarioBits';
import { ScenarioFormDialog } from './ScenarioForm';

const PAGE_SIZE = 20;
type SortBy = NonNullable<ScenarioFilters['sort_by']>;

export default function ScenariosPage() {
  const { t, date, relative } = useI18n();
  const { text } = useErrorText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const models = useModels();
  const searchRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [search, setSearch] = useState(params.get('q') ?? '');

  const filters: ScenarioFilters = {
    search: params.get('q') ?? undefined,
    status: (params.get('status') as ScenarioStatus) ?? undefined,
    region: params.get('region') ?? undefined,
    tag: params.get('tag') ?? undefined,
    created_from: params.get('from') ?? undefined,
    created_to: params.get('to') ?? undefined,
    sort_by: (params.get('sort') as SortBy) ?? 'updated_at',
    sort_order: (params.get('order') as 'asc' | 'desc') ?? 'desc',
    page: Number(params.get('page') ?? 1),
    page_size: PAGE_SIZE,
  };
  const filtered = !!(filters.search || filters.status || filters.region || filters.tag || filters.created_from || filters.created_to);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  // the search box filters as you type, a moment after the last key
  useEffect(() => {
    const id = setTimeout(() => {
      if ((params.get('q') ?? '') !== search.trim()) update({ q: search.trim() || null });
    }, 300);
    return () => clearTimeout(id);
  }, [search]);

  const list = useQuery({
    queryKey: [...keys.scenarios, filters],
    queryFn: () => scenariosApi.list(filters),
    placeholderData: keepPreviousData,
  });

  const creating = params.get('new') === '1';

  // "/" focuses the search, "n" opens a new scenario
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement).tagName;
      if (e.metaKey || e.ctrlKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(tag) || document.querySelector('dialog[open]')) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'n') {
        e.preventDefault();
        update({ new: '1' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : s.length >= 4 ? s : [...s, id]));

  const items = list.data?.items ?? [];
  const sortOptions: SortBy[] = ['updated_at', 'created_at', 'name', 'status'];
  const total = list.data?.total ?? 0;

  return (
    <div>
      <PageHeader
        title={t('scenarios.title')}
        description={t('scenarios.description')}
        actions={
          <>
            {selected.length >= 2 && (
              <Button icon={<GitCompareArrows className="size-4" aria-hidden />} onClick={() => navigate(`/compare?ids=${selected.join(',')}`)}>
                {t('scenarios.compareSelected', { count: selected.length })}
              </Button>
            )}
            <Button variant="primary" icon={<Plus className="size-4" aria-hidden />} onClick={() => update({ new: '1' })}>
              {t('scenarios.new')}
            </Button>
          </>
        }
      />

      <Card as="div" className="mb-5">
        <form
          role="search"
          aria-label={t('scenarios.filters')}
          className="grid grid-cols-1 gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4"
          onSubmit={(e) => e.preventDefault()}
        >
          <Field label={t('scenarios.searchLabel')} className="sm:col-span-2">
            <Input
                id="scenario-search"
                ref={searchRef}
                type="search"
                value={search}
                placeholder={t('scenarios.searchPlaceholder')}
                onChange={(e) => setSearch(e.target.value)}
                icon={<Search className="size-4" />}
              />
          </Field>
          <Field label={t('scenarios.filterStatus')}>
            <Select id="filter-status" value={filters.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {SCENARIO_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('scenarios.filterRegion')}>
            <Select id="filter-region" value={filters.region ?? ''} onChange={(e) => update({ region: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {AWS_REGIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex items-end gap-1.5">
            <Field label={t('scenarios.sort')} className="flex-1">
              <Select id="filter-sort" value={filters.sort_by} onChange={(e) => update({ sort: e.target.value })}>
                {sortOptions.map((s) => (
                  <option key={s} value={s}>
                    {t(`scenarios.sort.${s}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              aria-label={`${t('scenarios.order')}: ${t(filters.sort_order === 'asc' ? 'scenarios.order.asc' : 'scenarios.order.desc')}`}
              title={t(filters.sort_order === 'asc' ? 'scenarios.order.asc' : 'scenarios.order.desc')}
              onClick={() => update({ order: filters.sort_order === 'asc' ? 'desc' : 'asc' })}
              className="px-2.5"
            >
              {filters.sort_order === 'asc' ? (
                <ArrowUpNarrowWide className="size-4" aria-hidden />
              ) : (
                <ArrowDownWideNarrow className="size-4" aria-hidden />
              )}
            </Button>
          </div>
          <Field label={t('scenarios.filterTag')}>
            <Input id="filter-tag" value={filters.tag ?? ''} onChange={(e) => update({ tag: e.target.value })} />
          </Field>
          <Field label={t('scenarios.createdFrom')}>
            <Input id="filter-from" type="date" value={filters.created_from ?? ''} onChange={(e) => update({ from: e.target.value })} />
          </Field>
          <Field label={t('scenarios.createdTo')}>
            <Input id="filter-to" type="date" value={filters.created_to ?? ''} onChange={(e) => update({ to: e.target.value })} />
          </Field>
        </form>
      </Card>

      {list.isError && <Alert tone="danger" action={<Button size="sm" onClick={() => list.refetch()}>{t('common.retry')}</Button>}>{text(list.error)}</Alert>}

      <Card as="div">
        {list.isPending ? (
          <div className="space-y-3 p-5" aria-busy="true">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<SearchX className="size-6" />}
              title={t('scenarios.noMatchTitle')}
              body={t('scenarios.noMatchBody')}
              action={
                <Button
                  onClick={() => {
                    setSearch('');
                    setParams(new URLSearchParams(), { replace: true });
                  }}
                >
                  {t('common.clearFilters')}
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<Database className="size-6" />}
              title={t('scenarios.emptyTitle')}
              body={t('scenarios.emptyBody')}
              action={
                <Button variant="primary" icon={<Plus className="size-4" aria-hidden />} onClick={() => update({ new: '1' })}>
                  {t('scenarios.new')}
                </Button>
              }
            />
          )
        ) : (
          <>
            <div className="flex items-center justify-between border-b border-line px-5 py-3 text-sm text-muted">
              <span aria-live="polite">{t('scenarios.count', { count: total })}</span>
            </div>
            <Table caption={t('scenarios.listCaption')}>
              <thead>
                <tr>
                  <th className={cx(th, 'w-10')}>
                    <span className="sr-only">{t('nav.compare')}</span>
                  </th>
                  <th className={th}>{t('common.name')}</th>
                  <th className={th}>{t('common.status')}</th>
                  <th className={th}>{t('common.region')}</th>
                  <th className={th}>{t('scenarios.model')}</th>
                  <th className={th}>{t('common.tags')}</th>
                  <th className={th}>{t('common.created')}</th>
                  <th className={th}>{t('common.updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} className="hover:bg-surface-2/50">
                    <td className={td}>
                      <input
                        type="checkbox"
                        className="size-4 accent-[var(--accent)]"
                        checked={selected.includes(s.id)}
                        onChange={() => toggle(s.id)}
                        aria-label={t('scenarios.selectForCompare', { name: s.name })}
                      />
                    </td>
                    <td className={cx(td, 'max-w-80')}>
                      <Link to={`/scenarios/${s.id}`} className="font-medium text-fg hover:text-accent-text hover:underline">
                        {s.name}
                      </Link>
                      {s.description && <p className="mt-0.5 truncate text-xs text-muted">{s.description}</p>}
                    </td>
                    <td className={td}>
                      <StatusBadge status={s.status} />
                    </td>
                    <td className={cx(td, 'font-mono text-[13px] whitespace-nowrap text-muted')}>{s.region}</td>
                    <td className={cx(td, 'whitespace-nowrap text-muted')}>{modelName(s.pipeline.bedrock.model_id, models.data?.models)}</td>
                    <td className={td}>
                      <div className="flex flex-wrap gap-1">
                        {s.tags.map((tag) => (
                          <button key={tag} type="button" onClick={() => update({ tag })} className="rounded-full">
                            <Badge tone="accent">{tag}</Badge>
                          </button>
                        ))}
                      </div>
                    </td>
                    <td className={cx(td, 'whitespace-nowrap text-muted')}>{date(s.created_at)}</td>
                    <td className={cx(td, 'whitespace-nowrap text-muted')}>{relative(s.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={filters.page ?? 1} pageSize={PAGE_SIZE} total={total} onPage={(p) => update({ page: String(p) })} />
          </>
        )}
      </Card>

      <ScenarioFormDialog
        open={creating}
        onClose={() => update({ new: null })}
        onSaved={(s) => navigate(`/scenarios/${s.id}`)}
      />
    </div>
  );
}
