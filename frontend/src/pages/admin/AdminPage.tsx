import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Archive, DatabaseBackup, Gauge, ScrollText, Workflow } from 'lucide-react';
import { admin } from '../../api/endpoints';
import type { BackupRun } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import {
  Alert, Badge, Card, EmptyState, Field, Input, PageHeader, Pagination, Select, Skeleton, Table, TabList, cx, td, tdNum, th, thNum,
} from '../../components/ui';
import { NotAvailable, isMissingEndpoint } from '../scenario/ReportsTab';
import type { MessageKey } from '../../i18n/en';

const TABS = ['audit', 'queries', 'archive', 'backups', 'ops'] as const;
type Tab = (typeof TABS)[number];
const ICONS = { audit: ScrollText, queries: Gauge, archive: Archive, backups: DatabaseBackup, ops: Workflow };

export default function AdminPage() {
  const { t } = useI18n();
  const { tab: param } = useParams();
  const navigate = useNavigate();
  const tab: Tab = (TABS as readonly string[]).includes(param ?? '') ? (param as Tab) : 'audit';
  return (
    <div>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <TabList
        label={t('admin.tabs')}
        idPrefix="admin"
        value={tab}
        onChange={(v) => navigate(`/admin/${v}`, { replace: true })}
        tabs={TABS.map((k) => {
          const Icon = ICONS[k];
          return {
            id: k,
            label: (
              <span className="inline-flex items-center gap-2">
                <Icon className="size-4" aria-hidden />
                {t(`admin.tab.${k}` as MessageKey)}
              </span>
            ),
          };
        })}
      />
      <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`} className="mt-5">
        {tab === 'audit' && <AuditLog />}
        {tab === 'queries' && <Queries />}
        {tab === 'archive' && (
          <GenericStats title={t('admin.archive.title')} hint={t('admin.archive.hint')} queryKey="archive" fetch={admin.archive} />
        )}
        {tab === 'backups' && <Backups />}
        {tab === 'ops' && (
          <div className="grid gap-5 lg:grid-cols-2">
            <GenericStats title={t('admin.jobs.title')} queryKey="jobs" fetch={admin.jobs} />
            <GenericStats title={t('admin.cache.title')} queryKey="cache" fetch={admin.cache} />
          </div>
        )}
      </div>
    </div>
  );
}

function AuditLog() {
  const { t, dateTime } = useI18n();
  const { text } = useErrorText();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const q = useQuery({
    queryKey: ['audit', page, action, outcome],
    queryFn: () => admin.audit({ page, page_size: 25, action: action || undefined, outcome: outcome || undefined }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card as="div">
      <form role="search" aria-label={t('admin.tab.audit')} className="grid gap-3 border-b border-line p-4 sm:grid-cols-3" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('admin.audit.filterAction')}>
          <Input id="audit-action" value={action} placeholder="auth.login" onChange={(e) => { setAction(e.target.value); setPage(1); }} />
        </Field>
        <Field label={t('admin.audit.filterOutcome')}>
          <Select id="audit-outcome" value={outcome} onChange={(e) => { setOutcome(e.target.value); setPage(1); }}>
            <option value="">{t('common.all')}</option>
            <option value="success">{t('admin.audit.success')}</option>
            <option value="failure">{t('admin.audit.failure')}</option>
          </Select>
        </Field>
      </form>
      {q.isError ? (
        <div className="p-5">
          <Alert tone="danger">{text(q.error)}</Alert>
        </div>
      ) : q.isPending ? (
        <Skeleton className="m-5 h-64" />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t('admin.audit.empty')} />
      ) : (
        <>
          <Table caption={t('admin.audit.caption')}>
            <thead>
              <tr>
                <th className={th}>{t('admin.audit.when')}</th>
                <th className={th}>{t('admin.audit.action')}</th>
                <th className={th}>{t('admin.audit.outcome')}</th>
                <th className={th}>{t('admin.audit.actor')}</th>
                <th className={th}>{t('admin.audit.resource')}</th>
                <th className={th}>{t('admin.audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e) => (
                <tr key={e.id}>
                  <td className={cx(td, 'whitespace-nowrap text-muted')}>{dateTime(e.occurred_at)}</td>
                  <td className={cx(td, 'font-mono text-[13px]')}>{e.action}</td>
                  <td className={td}>
                    <Badge tone={e.outcome === 'success' ? 'success' : 'danger'}>
                      {e.outcome === 'success' ? t('admin.audit.success') : t('admin.audit.failure')}
                    </Badge>
                  </td>
                  <td className={cx(td, 'font-mono text-xs text-muted')}>
                    {e.actor_user_id?.slice(0, 8) ?? '—'}
                    {e.actor_api_key_id && <span className="ml-1">({t('admin.audit.viaKey', { id: e.actor_api_key_id.slice(0, 8) })})</span>}
                  </td>
                  <td className={cx(td, 'text-[13px] text-muted')}>
                    {e.resource_type ?? '—'}
                    {e.resource_id && <span className="ml-1 font-mono text-xs">{e.resource_id.slice(0, 8)}</span>}
                  </td>
                  <td className={cx(td, 'font-mono text-xs text-muted')}>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={25} total={q.data.total} onPage={setPage} />
        </>
      )}
    </Card>
  );
}

function Queries() {
  const { t, num, dateTime } = useI18n();
  const { text } = useErrorText();
  const slow = useQuery({ queryKey: ['slow-queries'], queryFn: admin.slowQueries });
  const top = useQuery({ queryKey: ['top-queries'], queryFn: admin.topQueries });
  const ms = (v: unknown) => `${num(Number(v), 1)} ms`;
  return (
    <div className="flex flex-col gap-5">
      <Card title={t('admin.queries.slow')} description={slow.data ? t('admin.queries.slowHint', { ms: slow.data.threshold_ms }) : undefined}>
        {slow.isPending ? (
          <Skeleton className="m-5 h-32" />
        ) : slow.isError ? (
          <div className="p-5"><Alert tone="danger">{text(slow.error)}</Alert></div>
        ) : slow.data.queries.length === 0 ? (
          <EmptyState title={t('admin.queries.none')} />
        ) : (
          <Table caption={t('admin.queries.slow')}>
            <thead>
              <tr>
                <th className={th}>{t('admin.queries.sql')}</th>
                <th className={thNum}>{t('admin.queries.count')}</th>
                <th className={thNum}>{t('admin.queries.p95')}</th>
                <th className={thNum}>{t('admin.queries.max')}</th>
                <th className={th}>{t('common.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {slow.data.queries.map((q, i) => (
                <tr key={i}>
                  <td className={cx(td, 'max-w-xl')}>
                    <code className="line-clamp-2 font-mono text-xs text-fg">{String(q.sql)}</code>
                  </td>
                  <td className={tdNum}>{num(Number(q.count))}</td>
                  <td className={tdNum}>{ms(q.p95_ms)}</td>
                  <td className={tdNum}>{ms(q.max_ms)}</td>
                  <td className={cx(td, 'whitespace-nowrap text-muted')}>{dateTime(String(q.last_seen))}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title={t('admin.queries.top')} description={t('admin.queries.topHint')}>
        {top.isPending ? (
          <Skeleton className="m-5 h-32" />
        ) : top.isError ? (
          <div className="p-5"><Alert tone="danger">{text(top.error)}</Alert></div>
        ) : top.data.available === false ? (
          <div className="p-5">
            <Alert tone="info">{t('admin.queries.unavailable', { reason: String(top.data.reason ?? '') })}</Alert>
          </div>
        ) : (
          <Table caption={t('admin.queries.top')}>
            <thead>
              <tr>
                <th className={th}>{t('admin.queries.sql')}</th>
                <th className={thNum}>{t('admin.queries.calls')}</th>
                <th className={thNum}>{t('admin.queries.totalTime')}</th>
                <th className={thNum}>{t('admin.queries.mean')}</th>
                <th className={thNum}>{t('admin.queries.max')}</th>
              </tr>
            </thead>
            <tbody>
              {(top.data.queries ?? []).map((q, i) => (
                <tr key={i}>
                  <td className={cx(td, 'max-w-xl')}>
                    <code className="line-clamp-2 font-mono text-xs text-fg">{String(q.query)}</code>
                  </td>
                  <td className={tdNum}>{num(Number(q.calls))}</td>
                  <td className={tdNum}>{ms(q.total_ms)}</td>
                  <td className={tdNum}>{ms(q.mean_ms)}</td>
                  <td className={tdNum}>{ms(q.max_ms)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}

function Backups() {
  const { t, dateTime, bytes, num } = useI18n();
  const { text } = useErrorText();
  const q = useQuery({ queryKey: ['backups'], queryFn: admin.backups });
  const runs: BackupRun[] = (q.data?.items ?? q.data?.runs ?? []) as BackupRun[];
  return (
    <Card title={t('admin.backups.title')} description={t('admin.backups.hint')}>
      {q.isPending ? (
        <Skeleton className="m-5 h-32" />
      ) : q.isError ? (
        <div className="p-5"><Alert tone="danger">{text(q.error)}</Alert></div>
      ) : runs.length === 0 ? (
        <EmptyState icon={<DatabaseBackup className="size-6" />} title={t('admin.backups.empty')} />
      ) : (
        <Table caption={t('admin.backups.title')}>
          <thead>
            <tr>
              <th className={th}>{t('admin.backups.started')}</th>
              <th className={th}>{t('admin.backups.kind')}</th>
              <th className={th}>{t('common.status')}</th>
              <th className={thNum}>{t('admin.backups.duration')}</th>
              <th className={thNum}>{t('admin.backups.size')}</th>
              <th className={th}>{t('admin.backups.verified')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td className={cx(td, 'whitespace-nowrap')}>{dateTime(r.started_at)}</td>
                <td className={td}>{r.kind}</td>
                <td className={td}>
                  <Badge tone={r.status === 'succeeded' || r.status === 'completed' ? 'success' : r.status === 'failed' ? 'danger' : 'info'}>{r.status}</Badge>
                  {r.error && <p className="mt-1 text-xs text-danger">{r.error}</p>}
                </td>
                <td className={tdNum}>
                  {r.finished_at ? `${num((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000, 1)} s` : '—'}
                </td>
                <td className={tdNum}>{bytes(r.size_bytes)}</td>
                <td className={cx(td, 'whitespace-nowrap text-muted')}>{r.verified_at ? dateTime(r.verified_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

/**
 * Statistics of an admin endpoint built in parallel with this page (archive, jobs, cache): its figures shown as
 * they come, so the page works with whatever shape the endpoint settles on; "not available" until it exists.
 */
function GenericStats({
  title, hint, queryKey, fetch,
}: {
  title: string;
  hint?: string;
  queryKey: string;
  fetch: () => Promise<Record<string, unknown>>;
}) {
  const { text } = useErrorText();
  const q = useQuery({ queryKey: ['admin', queryKey], queryFn: fetch });
  return (
    <Card title={title} description={hint}>
      {q.isPending ? (
        <Skeleton className="m-5 h-32" />
      ) : q.isError ? (
        isMissingEndpoint(q.error) ? (
          <NotAvailable />
        ) : (
          <div className="p-5"><Alert tone="danger">{text(q.error)}</Alert></div>
        )
      ) : (
        <KeyValues value={q.data} />
      )}
    </Card>
  );
}

function KeyValues({ value }: { value: unknown }) {
  const { t, num } = useI18n();
  if (Array.isArray(value)) {
    if (value.length === 0) return <p className="px-5 py-4 text-sm text-muted">—</p>;
    const cols = [...new Set(value.flatMap((v) => (v && typeof v === 'object' ? Object.keys(v) : [])))].slice(0, 8);
    return (
      <Table>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} className={th}>
                {c.replace(/_/g, ' ')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {value.map((row, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c} className={cx(td, 'text-[13px]')}>
                  {format((row as Record<string, unknown>)[c], num)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    );
  }
  const entries = Object.entries((value as Record<string, unknown>) ?? {});
  const scalars = entries.filter(([, v]) => v === null || typeof v !== 'object');
  const nested = entries.filter(([, v]) => v !== null && typeof v === 'object');
  return (
    <div>
      {scalars.length > 0 && (
        <dl className="grid gap-px bg-line sm:grid-cols-2 lg:grid-cols-3">
          {scalars.map(([k, v]) => (
            <div key={k} className="bg-surface px-5 py-3.5">
              <dt className="text-xs text-muted">{k.replace(/_/g, ' ')}</dt>
              <dd className="mt-0.5 text-base font-semibold text-fg tabular">{format(v, num)}</dd>
            </div>
          ))}
        </dl>
      )}
      {nested.map(([k, v]) => (
        <div key={k} className="border-t border-line">
          <h3 className="px-5 pt-3 text-xs font-semibold tracking-wide text-muted uppercase">{k.replace(/_/g, ' ')}</h3>
          <KeyValues value={v} />
        </div>
      ))}
      {entries.length === 0 && <p className="px-5 py-4 text-sm text-muted">{t('common.none')}</p>}
    </div>
  );
}

function format(v: unknown, num: (n: number) => string): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
