import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  Bar, CartesianGrid, ComposedChart, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import { Activity, CircleDollarSign, Database, LineChart as LineIcon, Plus, Radio, TrendingUp } from 'lucide-react';
import { scenarios as scenariosApi } from '../../api/endpoints';
import { keys } from '../../api/hooks';
import { ApiError } from '../../api/client';
import type { Metrics, Projection, Scenario, Service } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n/I18n';
import { formatBucket } from '../../i18n/format';
import { Alert, Card, EmptyState, PageHeader, Skeleton, Table, buttonClass, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ChartFrame, GroupedBars, HorizontalBars, SERIES_COLORS, axisProps, tooltipStyle } from '../../components/charts';
import { StatCard } from '../../components/StatCard';
import { SERVICE_COLOR, ServiceDot, StatusBadge } from '../../components/ScenarioBits';

/** How many scenarios the dashboard prices (the most recently updated): each costs two API calls. */
const LIMIT = 8;

export default function DashboardPage() {
  const { t, usd, num, compact, locale, relative, dim } = useI18n();
  const { user } = useAuth();

  const recent = useQuery({
    queryKey: [...keys.scenarios, 'dashboard'],
    queryFn: () => scenariosApi.list({ sort_by: 'updated_at', sort_order: 'desc', page_size: 50 }),
    staleTime: 30_000,
  });
  const running = useQuery({
    queryKey: [...keys.scenarios, 'running-count'],
    queryFn: () => scenariosApi.list({ status: 'running', page_size: 1 }),
    staleTime: 30_000,
  });

  // drafts have never received traffic: nothing to price
  const priced = (recent.data?.items ?? []).filter((s) => s.status !== 'draft').slice(0, LIMIT);
  const anyRunning = priced.some((s) => s.status === 'running');

  const metrics = useQueries({
    queries: priced.map((s) => ({
      queryKey: [...keys.metrics(s.id, 'day'), 'dashboard'],
      queryFn: () => scenariosApi.metrics(s.id, 'day'),
      staleTime: 60_000,
      refetchInterval: anyRunning ? 30_000 : (false as const),
    })),
  });
  const projections = useQueries({
    queries: priced.map((s) => ({
      queryKey: keys.projection(s.id),
      queryFn: () => scenariosApi.projection(s.id),
      staleTime: 60_000,
    })),
  });

  const loading = recent.isPending || metrics.some((q) => q.isPending);
  const rows = priced.map((s, i) => ({ scenario: s, metrics: metrics[i]?.data, projection: projections[i]?.data, error: metrics[i]?.error }));
  const withTraffic = rows.filter((r) => r.metrics && r.metrics.summary.total_requests > 0) as {
    scenario: Scenario;
    metrics: Metrics;
    projection?: Projection;
  }[];
  const unpriced = rows.filter((r) => r.error instanceof ApiError && r.error.code === 'price-not-found').length;

  const totals = useMemo(() => {
    const spend = withTraffic.reduce((a, r) => a + r.metrics.summary.total_cost_usd, 0);
    const events = withTraffic.reduce((a, r) => a + r.metrics.summary.total_requests, 0);
    // next month's bill comes from the pipelines still taking traffic
    const projected = withTraffic
      .filter((r) => r.scenario.status === 'running')
      .reduce((a, r) => a + (r.projection?.prediction?.cost_usd ?? r.projection?.projected_summary.total_cost_usd ?? 0), 0);
    return { spend, events, projected };
  }, [withTraffic]);

  // spend over time: one stacked series per scenario, daily
  const spendSeries = useMemo(() => {
    const byDay = new Map<string, Record<string, number | string>>();
    withTraffic.forEach((r, i) => {
      for (const p of r.metrics.timeseries) {
        const row = byDay.get(p.start) ?? { start: p.start };
        row[`s${i}`] = ((row[`s${i}`] as number) ?? 0) + p.cost_usd;
        byDay.set(p.start, row);
      }
    });
    const data = [...byDay.values()].sort((a, b) => String(a.start).localeCompare(String(b.start)));
    for (const row of data) withTraffic.forEach((_, i) => (row[`s${i}`] ??= 0));
    return {
      data,
      series: withTraffic.map((r, i) => ({ key: `s${i}`, label: r.scenario.name, color: SERIES_COLORS[i % SERIES_COLORS.length]! })),
    };
  }, [withTraffic]);

  // top cost drivers: bill lines of every scenario, by service and dimension (tiers folded together)
  const drivers = useMemo(() => {
    const sums = new Map<string, { service: Service; dimension: string; amount: number }>();
    for (const r of withTraffic) {
      for (const b of r.metrics.cost_breakdown) {
        for (const l of b.lines) {
          const dimension = l.dimension.replace(/ tier \d+$/, '');
          const k = `${b.service}|${dimension}`;
          const cur = sums.get(k) ?? { service: b.service, dimension, amount: 0 };
          cur.amount += l.amount_usd;
          sums.set(k, cur);
        }
      }
    }
    return [...sums.values()].filter((d) => d.amount > 0).sort((a, b) => b.amount - a.amount).slice(0, 6);
  }, [withTraffic]);

  const predictions = withTraffic
    .filter((r) => r.projection && r.scenario.status === 'running')
    .map((r) => {
      const p = r.projection!;
      const pr = p.prediction;
      return {
        id: r.scenario.id,
        name: r.scenario.name,
        projected: p.projected_summary.total_cost_usd,
        predicted: pr?.cost_usd ?? null,
        low: pr?.cost_usd_low ?? null,
        high: pr?.cost_usd_high ?? null,
        value: pr?.cost_usd ?? p.projected_summary.total_cost_usd,
        err: pr ? [pr.cost_usd - pr.cost_usd_low, pr.cost_usd_high - pr.cost_usd] : [0, 0],
      };
    })
    .sort((a, b) => b.value - a.value);

  const name = user?.full_name?.split(' ')[0] || user?.email.split('@')[0] || '';
  const hasScenarios = (recent.data?.total ?? 0) > 0;
  const fmtDay = (v: string) => formatBucket(locale, v, 'day');

  return (
    <div>
      <PageHeader
        title={t('dashboard.greeting', { name })}
        description={t('dashboard.description')}
        actions={
          <Link to="/scenarios?new=1" className={buttonClass('primary')}>
            <Plus className="size-4" aria-hidden />
            {t('scenarios.new')}
          </Link>
        }
      />

      <section aria-label={t('dashboard.title')} className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard testId="kpi-spend" accent label={t('dashboard.spendToDate')} icon={<CircleDollarSign className="size-4" />} loading={loading} value={usd(totals.spend)} hint={t('dashboard.spendHint', { count: withTraffic.length })} />
        <StatCard label={t('dashboard.predicted')} icon={<TrendingUp className="size-4" />} loading={loading} value={usd(totals.projected, { compact: true })} hint={t('dashboard.predictedHint')} />
        <StatCard label={t('dashboard.events')} icon={<Activity className="size-4" />} loading={loading} value={compact(totals.events)} hint={t('dashboard.eventsHint')} />
        <StatCard label={t('dashboard.running')} icon={<Radio className="size-4" />} loading={running.isPending} value={num(running.data?.total ?? 0)} hint={t('dashboard.runningHint')} />
      </section>

      {unpriced > 0 && (
        <div className="mb-5">
          <Alert tone="warning">{t('dashboard.skipped', { count: unpriced })}</Alert>
        </div>
      )}

      {!loading && withTraffic.length === 0 ? (
        <Card as="div" className="mb-6">
          <EmptyState
            icon={<LineIcon className="size-6" />}
            title={t('dashboard.emptyTitle')}
            body={t('dashboard.emptyBody')}
            action={
              <Link to={hasScenarios ? '/scenarios' : '/scenarios?new=1'} className={buttonClass('primary')}>
                {hasScenarios ? t('nav.scenarios') : t('scenarios.new')}
              </Link>
            }
          />
        </Card>
      ) : (
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-3">
          <div className="xl:col-span-2">
            {loading ? (
              <Skeleton className="h-[360px] w-full rounded-xl" />
            ) : (
              <ChartFrame
                className="h-full"
                title={t('dashboard.spendOverTime')}
                description={t('dashboard.spendOverTimeHint')}
                summary={`${t('dashboard.spendOverTime')}: ${withTraffic.map((r) => `${r.scenario.name} ${usd(r.metrics.summary.total_cost_usd)}`).join(', ')}`}
                height={300}
                table={
                  <Table caption={t('dashboard.spendOverTime')}>
                    <thead>
                      <tr>
                        <th className={th}>{t('common.time')}</th>
                        {spendSeries.series.map((s) => (
                          <th key={s.key} className={thNum}>
                            {s.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {spendSeries.data.map((row) => (
                        <tr key={String(row.start)}>
                          <td className={cx(td, 'whitespace-nowrap')}>{fmtDay(String(row.start))}</td>
                          {spendSeries.series.map((s) => (
                            <td key={s.key} className={tdNum}>
                              {usd(Number(row[s.key]))}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                }
              >
                <GroupedBars stacked data={spendSeries.data} series={spendSeries.series} xKey="start" xFormat={fmtDay} yFormat={(v) => usd(v, { compact: true })} />
              </ChartFrame>
            )}
          </div>

          {loading ? (
            <Skeleton className="h-[360px] w-full rounded-xl" />
          ) : (
            <ChartFrame
              className="h-full"
              title={t('dashboard.drivers')}
              description={t('dashboard.driversHint')}
              summary={drivers.map((d) => `${t(`service.${d.service}`)} ${dim(d.dimension)}: ${usd(d.amount)}`).join(', ')}
              height={300}
              table={
                <Table caption={t('dashboard.drivers')}>
                  <thead>
                    <tr>
                      <th className={th}>{t('dashboard.driver')}</th>
                      <th className={thNum}>{t('common.cost')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drivers.map((d) => (
                      <tr key={`${d.service}${d.dimension}`}>
                        <td className={td}>
                          <span className="inline-flex items-center gap-2">
                            <ServiceDot service={d.service} />
                            {t(`service.${d.service}`)} · {dim(d.dimension)}
                          </span>
                        </td>
                        <td className={tdNum}>{usd(d.amount)}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              }
            >
              <HorizontalBars
                data={drivers.map((d) => ({ label: `${t(`service.${d.service}`)} · ${dim(d.dimension)}`, value: d.amount, color: SERVICE_COLOR[d.service] }))}
                format={(v) => usd(v, { compact: true })}
                color="var(--accent)"
              />
            </ChartFrame>
          )}

          <div className="xl:col-span-2">
            {loading ? (
              <Skeleton className="h-[340px] w-full rounded-xl" />
            ) : (
              <ChartFrame
                className="h-full"
                title={t('dashboard.predictions')}
                description={t('dashboard.predictionsHint')}
                summary={predictions
                  .map((p) => `${p.name}: ${usd(p.value)}${p.low !== null ? ` (${usd(p.low)} – ${usd(p.high)})` : ''}`)
                  .join(', ')}
                height={Math.max(200, predictions.length * 52 + 60)}
                table={<PredictionTable rows={predictions} />}
                footer={
                  predictions.length > 0 && (
                    <ul className="divide-y divide-line border-t border-line">
                      {predictions.map((p) => (
                        <li key={p.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 px-5 py-2.5 text-sm">
                          <Link to={`/scenarios/${p.id}`} className="min-w-0 flex-1 truncate font-medium text-fg hover:underline">
                            {p.name}
                          </Link>
                          <span className="text-muted">
                            {t('dashboard.projected')}: <span className="text-fg tabular">{usd(p.projected)}</span>
                          </span>
                          <span className="text-muted">
                            {t('dashboard.trend')}:{' '}
                            <span className="font-semibold text-fg tabular">{p.predicted !== null ? usd(p.predicted) : t('dashboard.noTrend')}</span>
                            {p.low !== null && <span className="ml-1.5 text-xs tabular">({usd(p.low)} – {usd(p.high)})</span>}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )
                }
              >
                {predictions.length === 0 ? (
                  <EmptyState icon={<TrendingUp className="size-6" />} title={t('dashboard.noRunning')} />
                ) : (
                <ResponsiveContainer width="100%" height="100%">
                  <ComposedChart data={predictions} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 4 }} accessibilityLayer={false}>
                    <CartesianGrid horizontal={false} strokeDasharray="3 3" />
                    <XAxis type="number" tickFormatter={(v) => usd(Number(v), { compact: true })} {...axisProps} />
                    <YAxis type="category" dataKey="name" width={190} {...axisProps} />
                    <Tooltip {...tooltipStyle()} formatter={(v) => usd(Number(v))} />
                    <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
                    <Bar dataKey="projected" name={t('dashboard.projected')} fill="var(--line-strong)" radius={[0, 4, 4, 0]} maxBarSize={14} isAnimationActive={false} />
                    <Bar dataKey="value" name={t('dashboard.trend')} fill="var(--accent)" radius={[0, 4, 4, 0]} maxBarSize={14} isAnimationActive={false}>
                      <ErrorBar dataKey="err" width={6} strokeWidth={1.5} stroke="var(--fg)" direction="x" />
                    </Bar>
                  </ComposedChart>
                </ResponsiveContainer>
                )}
              </ChartFrame>
            )}
          </div>

          <Card
            title={t('dashboard.recent')}
            actions={
              <Link to="/scenarios" className="text-sm font-medium text-accent-text hover:underline">
                {t('dashboard.viewAll')}
              </Link>
            }
          >
            {recent.isPending ? (
              <Skeleton className="m-5 h-40" />
            ) : (
              <ul className="divide-y divide-line">
                {(recent.data?.items ?? []).slice(0, 6).map((s) => {
                  const m = rows.find((r) => r.scenario.id === s.id)?.metrics;
                  return (
                    <li key={s.id} className="flex items-center gap-3 px-5 py-3">
                      <Database className="size-4 shrink-0 text-muted" aria-hidden />
                      <div className="min-w-0 flex-1">
                        <Link to={`/scenarios/${s.id}`} className="block truncate text-sm font-medium text-fg hover:text-accent-text hover:underline">
                          {s.name}
                        </Link>
                        <p className="text-xs text-muted">{relative(s.updated_at)}</p>
                      </div>
                      <div className="flex flex-col items-end gap-1">
                        <StatusBadge status={s.status} />
                        {m && m.summary.total_requests > 0 && <span className="text-xs text-muted tabular">{usd(m.summary.total_cost_usd)}</span>}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
      )}
      {(recent.data?.items.filter((s) => s.status !== 'draft').length ?? 0) > LIMIT && (
        <p className="mt-4 text-xs text-muted">{t('dashboard.limited', { count: LIMIT })}</p>
      )}
    </div>
  );
}

function PredictionTable({
  rows,
}: {
  rows: { id: string; name: string; projected: number; predicted: number | null; low: number | null; high: number | null }[];
}) {
  const { t, usd } = useI18n();
  return (
    <Table caption={t('dashboard.predictions')}>
      <thead>
        <tr>
          <th className={th}>{t('common.name')}</th>
          <th className={thNum}>{t('dashboard.projected')}</th>
          <th className={thNum}>{t('dashboard.trend')}</th>
          <th className={thNum}>{t('dashboard.interval')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className={td}>{r.name}</td>
            <td className={tdNum}>{usd(r.projected)}</td>
            <td className={tdNum}>{r.predicted !== null ? usd(r.predicted) : t('dashboard.noTrend')}</td>
            <td className={tdNum}>{r.low !== null ? `${usd(r.low)} – ${usd(r.high)}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
