import { useState } from 'react';
import { useMetrics } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { SERVICES, type Granularity, type Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { formatBucket } from '../../i18n/format';
import { useErrorText } from '../../app/errors';
import { Alert, Skeleton, Table, cx, td, tdNum, th, thNum } from '../../components/ui';
import { BarsWithLine, ChartFrame, StackedArea } from '../../components/charts';
import { SERVICE_COLOR } from '../../components/ScenarioBits';
import { NoTraffic, hasTraffic } from './OverviewTab';

const GRANULARITIES: Granularity[] = ['minute', 'hour', 'day'];

export function GranularityPicker({ value, onChange }: { value: Granularity; onChange: (g: Granularity) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="flex items-center gap-2">
      <legend className="sr-only">{t('metrics.granularity')}</legend>
      <span aria-hidden className="text-[13px] text-muted">
        {t('metrics.granularity')}
      </span>
      <div className="inline-flex rounded-lg border border-line-strong bg-surface p-0.5">
        {GRANULARITIES.map((g) => (
          <label
            key={g}
            className={cx(
              'cursor-pointer rounded-md px-3 py-1 text-[13px] font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
              value === g ? 'bg-accent text-accent-fg' : 'text-muted hover:text-fg',
            )}
          >
            <input type="radio" name="granularity" value={g} checked={value === g} onChange={() => onChange(g)} className="sr-only" />
            {t(`metrics.g.${g}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function MetricsTab({ scenario }: { scenario: Scenario }) {
  const { t, usd, num, compact, locale } = useI18n();
  const { text } = useErrorText();
  const [granularity, setGranularity] = useState<Granularity>(() => {
    // a young scenario reads best by the minute, an old one by the hour
    const started = scenario.started_at ? Date.parse(scenario.started_at) : Date.now();
    const end = scenario.completed_at ? Date.parse(scenario.completed_at) : Date.now();
    return end - started < 6 * 3600_000 ? 'minute' : end - started > 14 * 86400_000 ? 'day' : 'hour';
  });
  const metrics = useMetrics(scenario, granularity);
  const m = metrics.data;
  const fmtX = (v: string) => formatBucket(locale, v, granularity);

  const picker = <GranularityPicker value={granularity} onChange={setGranularity} />;

  if (metrics.isError) {
    const tooMany = metrics.error instanceof ApiError && metrics.error.code === 'too-many-points';
    return (
      <div className="flex flex-col gap-4">
        <div>{picker}</div>
        <Alert tone="warning">{tooMany ? t('metrics.tooManyPoints') : text(metrics.error)}</Alert>
      </div>
    );
  }
  if (metrics.isPending || !m) return <Skeleton className="h-80 w-full" />;
  if (!hasTraffic(m)) return <NoTraffic scenario={scenario} />;

  const points = m.timeseries.map((p) => ({
    start: p.start,
    sqs: p.cost_by_service.sqs,
    lambda: p.cost_by_service.lambda,
    bedrock: p.cost_by_service.bedrock,
    events: p.events,
    pii: p.pii_events,
    cost: p.cost_usd,
  }));
  const first = points[0]?.start ?? '';
  const last = points[points.length - 1]?.start ?? '';
  const summary = t('metrics.chartLabel', { n: points.length, from: fmtX(first), to: fmtX(last) });

  const table = (
    <Table caption={t('metrics.title')}>
      <thead>
        <tr>
          <th className={th}>{t('common.time')}</th>
          <th className={thNum}>{t('common.events')}</th>
          <th className={thNum}>{t('metrics.piiEvents')}</th>
          {SERVICES.map((s) => (
            <th key={s} className={thNum}>
              {t(`service.${s}`)}
            </th>
          ))}
          <th className={thNum}>{t('common.total')}</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.start}>
            <td className={cx(td, 'whitespace-nowrap')}>{fmtX(p.start)}</td>
            <td className={tdNum}>{num(p.events)}</td>
            <td className={tdNum}>{num(p.pii)}</td>
            <td className={tdNum}>{usd(p.sqs)}</td>
            <td className={tdNum}>{usd(p.lambda)}</td>
            <td className={tdNum}>{usd(p.bedrock)}</td>
            <td className={cx(tdNum, 'font-medium')}>{usd(p.cost)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-[15px] font-semibold text-fg">{t('metrics.title')}</h2>
        {picker}
      </div>
      <ChartFrame title={t('metrics.costOverTime')} summary={summary} table={table} height={300}>
        <StackedArea
          data={points}
          xKey="start"
          xFormat={fmtX}
          yFormat={(v) => usd(v)}
          series={SERVICES.map((s) => ({ key: s, label: t(`service.${s}`), color: SERVICE_COLOR[s] }))}
        />
      </ChartFrame>
      <ChartFrame title={t('metrics.eventsOverTime')} summary={summary} table={table} height={260}>
        <BarsWithLine
          data={points}
          xKey="start"
          xFormat={fmtX}
          yFormat={(v) => compact(v)}
          bar={{ key: 'events', label: t('common.events'), color: 'var(--chart-lambda)' }}
          line={{ key: 'pii', label: t('metrics.piiEvents'), color: '#e11d48' }}
        />
      </ChartFrame>
    </div>
  );
}
