import { Link } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import { Activity, Play, Plug, TrendingUp } from 'lucide-react';
import type { Metrics, Projection, Scenario } from '../../api/types';
import { SERVICES } from '../../api/types';
import { useModels } from '../../api/hooks';
import { useI18n } from '../../i18n/I18n';
import { Card, EmptyState, Skeleton, Table, buttonClass, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ChartFrame, DonutChart } from '../../components/charts';
import { SERVICE_COLOR, ServiceDot, modelName } from '../../components/ScenarioBits';

export function NoTraffic({ scenario, onStart }: { scenario: Scenario; onStart?: () => void }) {
  const { t } = useI18n();
  const body =
    scenario.status === 'draft' ? t('detail.noTrafficDraft') : scenario.status === 'running' ? t('detail.noTrafficRunning') : t('detail.noTrafficDone');
  return (
    <Card as="div">
      <EmptyState
        icon={<Activity className="size-6" />}
        title={t('detail.noTrafficTitle')}
        body={body}
        action={
          scenario.status === 'draft' && onStart ? (
            <button type="button" className={buttonClass('primary')} onClick={onStart}>
              <Play className="size-4" aria-hidden /> {t('detail.start')}
            </button>
          ) : scenario.status === 'running' ? (
            <Link to={`/scenarios/${scenario.id}/ingest`} className={buttonClass('primary')}>
              <Plug className="size-4" aria-hidden /> {t('detail.goIngest')}
            </Link>
          ) : undefined
        }
      />
    </Card>
  );
}

export function hasTraffic(m: Metrics | undefined): boolean {
  return !!m && m.summary.total_requests > 0;
}

export function OverviewTab({
  scenario, metrics, projection, onStart,
}: {
  scenario: Scenario;
  metrics: UseQueryResult<Metrics>;
  projection: UseQueryResult<Projection>;
  onStart: () => void;
}) {
  const { t, usd, num, pct, dim, unit, trendReason } = useI18n();
  const models = useModels();
  const m = metrics.data;

  if (metrics.isPending) return <Skeleton className="h-72 w-full" />;
  if (metrics.isError || !m) return <PipelineCard scenario={scenario} modelLabel={modelName(scenario.pipeline.bedrock.model_id, models.data?.models)} />;
  if (!hasTraffic(m)) {
    return (
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <NoTraffic scenario={scenario} onStart={onStart} />
        </div>
        <PipelineCard scenario={scenario} modelLabel={modelName(scenario.pipeline.bedrock.model_id, models.data?.models)} />
      </div>
    );
  }

  const slices = SERVICES.map((s) => {
    const b = m.cost_breakdown.find((x) => x.service === s);
    return { key: s, label: t(`service.${s}`), value: b?.cost_usd ?? 0, color: SERVICE_COLOR[s], pct: b?.percentage ?? 0 };
  });
  const summary = slices.map((s) => `${s.label} ${usd(s.value)} (${pct(s.pct)})`).join(', ');
  const lines = m.cost_breakdown.flatMap((b) => b.lines.map((l) => ({ ...l, service: b.service })));
  const p = projection.data;

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
      <div className="flex flex-col gap-5 lg:col-span-2">
        <ChartFrame
          title={t('overview.breakdown')}
          description={t('overview.breakdownHint')}
          summary={t('overview.chartLabel', { summary })}
          height={260}
          table={
            <Table caption={t('overview.breakdown')}>
              <thead>
                <tr>
                  <th className={th}>{t('common.service')}</th>
                  <th className={thNum}>{t('common.cost')}</th>
                  <th className={thNum}>{t('common.share')}</th>
                </tr>
              </thead>
              <tbody>
                {slices.map((s) => (
                  <tr key={s.key}>
                    <td className={td}>{t(`service.${s.key}.long`)}</td>
                    <td className={tdNum}>{usd(s.value)}</td>
                    <td className={tdNum}>{pct(s.pct)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          }
        >
          <div className="grid h-full grid-cols-1 items-center gap-4 sm:grid-cols-[240px_1fr]">
            <div className="h-[230px]">
              <DonutChart
                data={slices}
                center={
                  <>
                    <span className="text-xs text-muted">{t('common.total')}</span>
                    <span className="text-lg font-semibold text-fg tabular">{usd(m.summary.total_cost_usd)}</span>
                  </>
                }
              />
            </div>
            <ul className="flex flex-col gap-3 pr-4" aria-hidden>
              {slices.map((s) => (
                <li key={s.key} className="flex items-center gap-3">
                  <ServiceDot service={s.key} />
                  <span className="flex-1 text-sm text-fg">{t(`service.${s.key}.long`)}</span>
                  <span className="text-sm font-medium text-fg tabular">{usd(s.value)}</span>
                  <span className="w-16 text-right text-xs text-muted tabular">{pct(s.pct)}</span>
                </li>
              ))}
              <li className="mt-1 flex h-2 overflow-hidden rounded-full bg-surface-2">
                {slices.map((s) => (
                  <span key={s.key} style={{ width: `${s.pct}%`, background: s.color }} />
                ))}
              </li>
            </ul>
          </div>
        </ChartFrame>

        <Card title={t('overview.lines')} description={t('overview.linesHint')}>
          <Table caption={t('overview.lines')}>
            <thead>
              <tr>
                <th className={th}>{t('common.service')}</th>
                <th className={th}>{t('common.dimension')}</th>
                <th className={th}>{t('common.month')}</th>
                <th className={thNum}>{t('common.quantity')}</th>
                <th className={thNum}>{t('common.unitPrice')}</th>
                <th className={thNum}>{t('common.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i}>
                  <td className={td}>
                    <span className="inline-flex items-center gap-2">
                      <ServiceDot service={l.service} />
                      {t(`service.${l.service}`)}
                    </span>
                  </td>
                  <td className={cx(td, 'text-muted')}>{dim(l.dimension)}</td>
                  <td className={cx(td, 'whitespace-nowrap text-muted tabular')}>{l.month}</td>
                  <td className={tdNum}>
                    {num(l.quantity, 4)} <span className="text-muted">{unit(l.unit)}</span>
                  </td>
                  <td className={tdNum}>
                    {usd(l.price_per_unit)}
                    <span className="text-muted"> / {num(l.unit_quantity)}</span>
                  </td>
                  <td className={cx(tdNum, 'font-medium')}>{usd(l.amount_usd)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="px-5 py-3 text-xs text-muted">{t('overview.pricedWith', { version: m.pricing.price_book_version })}</p>
        </Card>
      </div>

      <div className="flex flex-col gap-5">
        <Card title={t('overview.projection')} description={t('overview.projectionHint')}>
          <div className="px-5 py-4">
            {projection.isPending ? (
              <Skeleton className="h-16 w-full" />
            ) : p ? (
              <>
                <p className="text-[28px] font-semibold tracking-tight text-fg tabular" data-testid="projected-month">
                  {usd(p.projected_summary.total_cost_usd)}
                </p>
                <p className="text-xs text-muted">{t('common.total')} · 730 h</p>
                <ul className="mt-4 space-y-2">
                  {SERVICES.map((s) => {
                    const b = p.cost_breakdown.find((x) => x.service === s);
                    return (
                      <li key={s} className="flex items-center gap-2 text-sm">
                        <ServiceDot service={s} />
                        <span className="flex-1 text-muted">{t(`service.${s}.long`)}</span>
                        <span className="text-fg tabular">{usd(b?.cost_usd ?? 0)}</span>
                      </li>
                    );
                  })}
                </ul>
                <div className="mt-5 rounded-lg border border-line bg-surface-2/60 p-3.5">
                  <p className="flex items-center gap-2 text-sm font-medium text-fg">
                    <TrendingUp className="size-4 text-accent-text" aria-hidden />
                    {t('overview.prediction')}
                  </p>
                  {p.prediction ? (
                    <>
                      <p className="mt-1.5 text-lg font-semibold text-fg tabular">{usd(p.prediction.cost_usd)}</p>
                      <p className="text-xs text-muted">
                        {t('overview.predictionRange', { low: usd(p.prediction.cost_usd_low), high: usd(p.prediction.cost_usd_high) })}
                      </p>
                    </>
                  ) : (
                    <p className="mt-1 text-[13px] text-muted">
                      {t('overview.predictionUnavailable', { reason: trendReason(p.prediction_unavailable) })}
                    </p>
                  )}
                </div>
              </>
            ) : null}
          </div>
        </Card>
        <PipelineCard scenario={scenario} modelLabel={modelName(scenario.pipeline.bedrock.model_id, models.data?.models)} />
      </div>
    </div>
  );
}

export function PipelineCard({ scenario, modelLabel }: { scenario: Scenario; modelLabel: string }) {
  const { t, num } = useI18n();
  const p = scenario.pipeline;
  const rows: [string, string][] = [
    [t('form.queueType'), t(p.sqs.queue_type === 'fifo' ? 'form.queue.fifo' : 'form.queue.standard')],
    [t('form.sendBatch'), num(p.sqs.send_batch_size)],
    [t('form.architecture'), t(p.lambda.architecture === 'arm64' ? 'form.arch.arm64' : 'form.arch.x86_64')],
    [t('form.memory'), num(p.lambda.memory_mb)],
    [t('form.duration'), num(p.lambda.duration_ms)],
    [t('form.batchSize'), num(p.lambda.batch_size)],
    [t('form.model'), modelLabel],
    [t('form.outputTokens'), num(p.bedrock.output_tokens_per_invocation)],
    [t('form.mode'), t(p.bedrock.mode === 'batch' ? 'form.mode.batch' : 'form.mode.on_demand')],
    [t('form.freeTier'), p.free_tier ? t('common.yes') : t('common.no')],
  ];
  return (
    <Card title={t('overview.pipeline')}>
      <dl className="divide-y divide-line px-5 py-1">
        {rows.map(([k, v]) => (
          <div key={k} className="flex items-baseline justify-between gap-4 py-2 text-sm">
            <dt className="text-muted">{k}</dt>
            <dd className="text-right font-medium text-fg">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
