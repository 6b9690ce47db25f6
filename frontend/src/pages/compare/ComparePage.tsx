import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ArrowDownRight, ArrowUpRight, GitCompareArrows, Search } from 'lucide-react';
import { scenarios as scenariosApi } from '../../api/endpoints';
import { keys } from '../../api/hooks';
import { SERVICES, type Comparison, type Summary } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { formatSignedPercent, formatSignedUsd } from '../../i18n/format';
import { useErrorText } from '../../app/errors';
import { Alert, Badge, Card, EmptyState, Input, PageHeader, Skeleton, Table, buttonClass, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ChartFrame, GroupedBars, SERIES_COLORS } from '../../components/charts';
import { ServiceDot } from '../../components/ScenarioBits';

export default function ComparePage() {
  const { t } = useI18n();
  const { text } = useErrorText();
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, 4);
  const baseline = params.get('baseline') ?? ids[0];
  const [filter, setFilter] = useState('');

  const all = useQuery({
    queryKey: [...keys.scenarios, 'compare-picker'],
    queryFn: () => scenariosApi.list({ sort_by: 'updated_at', sort_order: 'desc', page_size: 100 }),
  });
  const comparison = useQuery({
    queryKey: ['compare', ids.join(','), baseline],
    queryFn: () => scenariosApi.compare(ids, baseline),
    enabled: ids.length >= 2,
  });

  const setIds = (next: string[], base?: string) => {
    const p = new URLSearchParams(params);
    if (next.length) p.set('ids', next.join(','));
    else p.delete('ids');
    const b = base ?? (next.includes(baseline ?? '') ? baseline : next[0]);
    if (b) p.set('baseline', b);
    else p.delete('baseline');
    setParams(p, { replace: true });
  };
  const toggle = (id: string) => {
    if (ids.includes(id)) setIds(ids.filter((x) => x !== id));
    else if (ids.length < 4) setIds([...ids, id]);
  };

  const items = (all.data?.items ?? []).filter((s) => !filter || s.name.toLowerCase().includes(filter.toLowerCase()));

  if (all.data && all.data.total < 2) {
    return (
      <div>
        <PageHeader title={t('compare.title')} description={t('compare.description')} />
        <Card as="div">
          <EmptyState
            icon={<GitCompareArrows className="size-6" />}
            title={t('compare.emptyTitle')}
            body={t('compare.emptyBody')}
            action={
              <Link to="/scenarios?new=1" className={buttonClass('primary')}>
                {t('scenarios.new')}
              </Link>
            }
          />
        </Card>
      </div>
    );
  }

  return (
    <div>
      <PageHeader title={t('compare.title')} description={t('compare.description')} />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[300px_1fr]">
        <Card title={t('compare.pick')} description={t('compare.pickHint')}>
          <div className="p-4">
            <div className="mb-3">
              <Input
                type="search"
                aria-label={t('scenarios.searchLabel')}
                placeholder={t('common.search')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                icon={<Search className="size-4" />}
              />
            </div>
            {all.isPending ? (
              <Skeleton className="h-40" />
            ) : (
              <fieldset>
                <legend className="sr-only">{t('compare.pick')}</legend>
                <ul className="flex max-h-[460px] flex-col gap-1 overflow-y-auto">
                  {items.map((s) => {
                    const checked = ids.includes(s.id);
                    return (
                      <li key={s.id}>
                        <label
                          className={cx(
                            'flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
                            checked ? 'border-accent/40 bg-accent-soft' : 'border-transparent hover:bg-surface-2',
                          )}
                        >
                          <input
                            type="checkbox"
                            className="size-4 accent-[var(--accent)]"
                            checked={checked}
                            disabled={!checked && ids.length >= 4}
                            onChange={() => toggle(s.id)}
                          />
                          <span className="min-w-0 flex-1">
                            <span className="block truncate font-medium text-fg">{s.name}</span>
                            <span className="flex items-center gap-2 text-xs text-muted">
                              <span className="font-mono">{s.region}</span>·<span>{t(`status.${s.status}`)}</span>
                            </span>
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            )}
            {ids.length >= 2 && (
              <div className="mt-4 border-t border-line pt-4">
                <label htmlFor="compare-baseline" className="text-[13px] font-medium text-fg">
                  {t('compare.baseline')}
                </label>
                <select
                  id="compare-baseline"
                  value={baseline}
                  onChange={(e) => setIds(ids, e.target.value)}
                  className="mt-1.5 h-9.5 w-full rounded-lg border border-line-strong bg-surface px-3 text-sm text-fg"
                >
                  {ids.map((id) => (
                    <option key={id} value={id}>
                      {all.data?.items.find((s) => s.id === id)?.name ?? id}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        </Card>

        <div className="flex min-w-0 flex-col gap-5">
          {ids.length < 2 ? (
            <Card as="div">
              <EmptyState icon={<GitCompareArrows className="size-6" />} title={t('compare.needTwo')} body={t('compare.pickHint')} />
            </Card>
          ) : comparison.isPending ? (
            <Skeleton className="h-96 w-full rounded-xl" />
          ) : comparison.isError ? (
            <Alert tone="danger">{text(comparison.error)}</Alert>
          ) : (
            <Result data={comparison.data} />
          )}
        </div>
      </div>
    </div>
  );
}

function Result({ data }: { data: Comparison }) {
  const { t, usd, num, locale } = useI18n();
  const baseline = data.scenarios.find((s) => s.scenario_id === data.baseline_id);
  const metricRows: { label: string; value: (s: Comparison['scenarios'][number]) => number; money: boolean; service?: (typeof SERVICES)[number] }[] = useMemo(
    () => [
      { label: t('stats.totalCost'), value: (s) => s.summary.total_cost_usd, money: true },
      ...SERVICES.map((sv) => ({ label: t(`service.${sv}.long`), value: (s: Comparison['scenarios'][number]) => s.cost_by_service[sv] ?? 0, money: true, service: sv })),
      { label: t('stats.avgCost'), value: (s) => s.summary.avg_cost_per_request, money: true },
      ...(['total_requests', 'lambda_invocations', 'llm_tokens', 'pii_violations'] as (keyof Summary)[]).map((k) => ({
        label: t(({ total_requests: 'stats.totalRequests', lambda_invocations: 'stats.lambdaInvocations', llm_tokens: 'stats.llmTokens', pii_violations: 'stats.piiViolations' } as const)[k as 'total_requests']),
        value: (s: Comparison['scenarios'][number]) => Number(s.summary[k]),
        money: false,
      })),
    ],
    [t],
  );

  const chartData = SERVICES.map((sv) => {
    const row: Record<string, string | number> = { service: t(`service.${sv}`) };
    data.scenarios.forEach((s, i) => (row[`s${i}`] = s.cost_by_service[sv] ?? 0));
    return row;
  });

  return (
    <>
      <Card title={t('compare.table')}>
        <Table caption={t('compare.table')}>
          <thead>
            <tr>
              <th className={th}>{t('compare.metric')}</th>
              {data.scenarios.map((s, i) => (
                <th key={s.scenario_id} className={cx(thNum, 'align-bottom whitespace-normal')}>
                  {s.scenario_id === data.baseline_id && (
                    <Badge tone="accent" className="mb-1 normal-case">
                      {t('compare.isBaseline')}
                    </Badge>
                  )}
                  <span className="flex items-start justify-end gap-1.5 text-[13px] tracking-normal normal-case">
                    <span aria-hidden className="mt-1 size-2.5 shrink-0 rounded-sm" style={{ background: SERIES_COLORS[i] }} />
                    <Link to={`/scenarios/${s.scenario_id}`} className="text-fg hover:underline">
                      {s.name}
                    </Link>
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metricRows.map((r) => {
              const base = baseline ? r.value(baseline) : 0;
              return (
                <tr key={r.label}>
                  <td className={cx(td, 'whitespace-nowrap')}>
                    <span className="inline-flex items-center gap-2">
                      {r.service && <ServiceDot service={r.service} />}
                      {r.label}
                    </span>
                  </td>
                  {data.scenarios.map((s) => {
                    const v = r.value(s);
                    const better = s.scenario_id !== data.baseline_id && r.money && v < base;
                    const worse = s.scenario_id !== data.baseline_id && r.money && v > base;
                    return (
                      <td key={s.scenario_id} className={cx(tdNum, better && 'text-success', worse && 'text-danger')}>
                        {r.money ? usd(v) : num(v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </Table>
      </Card>

      <ChartFrame
        title={t('compare.chart')}
        summary={data.scenarios.map((s) => `${s.name}: ${usd(s.summary.total_cost_usd)}`).join(', ')}
        height={300}
        table={
          <Table caption={t('compare.chart')}>
            <thead>
              <tr>
                <th className={th}>{t('common.service')}</th>
                {data.scenarios.map((s) => (
                  <th key={s.scenario_id} className={thNum}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chartData.map((row) => (
                <tr key={String(row.service)}>
                  <td className={td}>{row.service}</td>
                  {data.scenarios.map((s, i) => (
                    <td key={s.scenario_id} className={tdNum}>
                      {usd(Number(row[`s${i}`]))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        }
      >
        <GroupedBars
          data={chartData}
          xKey="service"
          yFormat={(v) => usd(v, { compact: true })}
          series={data.scenarios.map((s, i) => ({ key: `s${i}`, label: s.name, color: SERIES_COLORS[i]! }))}
        />
      </ChartFrame>

      <Card title={t('compare.deltas')}>
        <div className="flex flex-wrap">
          {data.deltas.map((d) => {
            const s = data.scenarios.find((x) => x.scenario_id === d.scenario_id)!;
            const cheaper = d.total.absolute_usd < 0;
            return (
              <div key={d.scenario_id} className="min-w-60 flex-1 border-line px-5 py-4 not-last:border-r" data-testid="compare-delta">
                <p className="text-[13px] text-muted">{t('compare.deltaVs', { name: s.name })}</p>
                <p className={cx('mt-1 flex items-center gap-1.5 text-xl font-semibold tabular', cheaper ? 'text-success' : d.total.absolute_usd > 0 ? 'text-danger' : 'text-fg')}>
                  {cheaper ? <ArrowDownRight className="size-5" aria-hidden /> : d.total.absolute_usd > 0 ? <ArrowUpRight className="size-5" aria-hidden /> : null}
                  {formatSignedUsd(locale, d.total.absolute_usd)}
                  <span className="text-sm font-medium">{formatSignedPercent(locale, d.total.percent)}</span>
                </p>
                <p className="text-xs text-muted">{cheaper ? t('compare.cheaper') : d.total.absolute_usd > 0 ? t('compare.dearer') : ''}</p>
                <ul className="mt-3 space-y-1.5">
                  {SERVICES.map((sv) => (
                    <li key={sv} className="flex items-center gap-2 text-[13px]">
                      <ServiceDot service={sv} />
                      <span className="flex-1 text-muted">{t(`service.${sv}`)}</span>
                      <span className="text-fg tabular">{formatSignedUsd(locale, d.services[sv]?.absolute_usd ?? 0)}</span>
                      <span className="w-16 text-right text-xs text-muted tabular">{formatSignedPercent(locale, d.services[sv]?.percent ?? null)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </Card>
    </>
  );
}
