import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileText, PlugZap } from 'lucide-react';
import { reports } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { keys } from '../../api/hooks';
import type { Report, ReportFormat, ReportStatus, Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import { Alert, Badge, Button, Card, Checkbox, EmptyState, Field, Select, Skeleton, Table, cx, td, tdNum, th, thNum, type Tone } from '../../components/ui';

const STATUS_TONE: Record<ReportStatus, Tone> = { pending: 'neutral', running: 'info', completed: 'success', failed: 'danger' };

/** A feature whose endpoint this server does not have yet (being built in parallel): shown, not hidden. */
export function NotAvailable() {
  const { t } = useI18n();
  return <EmptyState icon={<PlugZap className="size-6" />} title={t('common.notAvailable')} body={t('common.notAvailableBody')} />;
}

export function isMissingEndpoint(e: unknown): boolean {
  return e instanceof ApiError && e.endpointMissing;
}

export function ReportsTab({ scenario }: { scenario: Scenario }) {
  const { t, dateTime, bytes } = useI18n();
  const { text } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [includeLogs, setIncludeLogs] = useState(false);

  const list = useQuery({
    queryKey: keys.reports(scenario.id),
    queryFn: () => reports.list(scenario.id),
    // while one is being generated, follow it
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'pending' || r.status === 'running') ? 2000 : false),
  });

  const generate = useMutation({
    mutationFn: () => reports.create(scenario.id, { format, include_logs: includeLogs }),
    onSuccess: () => {
      toast('success', t('reports.requested'));
      qc.invalidateQueries({ queryKey: keys.reports(scenario.id) });
    },
    onError: (e) => toast('error', text(e)),
  });

  const download = useMutation({
    mutationFn: (r: Report) => reports.download(r),
    onSuccess: (name) => toast('success', t('reports.downloaded', { name })),
    onError: (e) => toast('error', text(e)),
  });

  // the form appears only once the server has said it has reports (an older server has no such endpoint)
  if (list.isPending) return <Skeleton className="h-48 w-full rounded-xl" />;
  if (list.isError && isMissingEndpoint(list.error)) {
    return (
      <Card title={t('reports.title')} description={t('reports.intro')}>
        <NotAvailable />
      </Card>
    );
  }

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-[340px_1fr]">
      <Card title={t('reports.generate')} description={t('reports.intro')}>
        <form
          className="flex flex-col gap-4 px-5 py-4"
          onSubmit={(e) => {
            e.preventDefault();
            generate.mutate();
          }}
        >
          <Field label={t('reports.format')}>
            <Select id="report-format" value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
              <option value="pdf">PDF</option>
              <option value="csv">CSV</option>
            </Select>
          </Field>
          <Checkbox label={t('reports.includeLogs')} checked={includeLogs} onChange={(e) => setIncludeLogs(e.target.checked)} />
          <Button type="submit" variant="primary" loading={generate.isPending} icon={<FileText className="size-4" aria-hidden />}>
            {t('reports.generate')}
          </Button>
        </form>
      </Card>

      <Card title={t('reports.listCaption')}>
        {list.isError ? (
          <div className="p-5">
            <Alert tone="danger">{text(list.error)}</Alert>
          </div>
        ) : list.data.length === 0 ? (
          <EmptyState icon={<FileText className="size-6" />} title={t('reports.empty')} />
        ) : (
          <Table caption={t('reports.listCaption')}>
            <thead>
              <tr>
                <th className={th}>{t('common.created')}</th>
                <th className={th}>{t('reports.format')}</th>
                <th className={th}>{t('common.status')}</th>
                <th className={thNum}>{t('reports.size')}</th>
                <th className={th}>
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...list.data]
                .sort((a, b) => b.created_at.localeCompare(a.created_at))
                .map((r) => (
                  <tr key={r.id} data-testid="report-row">
                    <td className={cx(td, 'whitespace-nowrap')}>{dateTime(r.created_at)}</td>
                    <td className={cx(td, 'uppercase')}>{r.format}</td>
                    <td className={td}>
                      <Badge tone={STATUS_TONE[r.status] ?? 'neutral'}>{t(`reports.status.${r.status}`)}</Badge>
                      {r.error && <p className="mt-1 text-xs text-danger">{r.error}</p>}
                    </td>
                    <td className={tdNum}>{r.size_bytes ? bytes(r.size_bytes) : '—'}</td>
                    <td className={cx(td, 'text-right')}>
                      {r.status === 'completed' && (
                        <Button
                          size="sm"
                          icon={<Download className="size-4" aria-hidden />}
                          loading={download.isPending && download.variables?.id === r.id}
                          onClick={() => download.mutate(r)}
                        >
                          {t('common.download')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
