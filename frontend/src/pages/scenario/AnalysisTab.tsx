import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Lightbulb, ShieldCheck } from 'lucide-react';
import { scenarios as scenariosApi } from '../../api/endpoints';
import { keys } from '../../api/hooks';
import { PII_TYPES, SERVICES, type Metrics, type Projection, type Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { Card, EmptyState, Skeleton, Table, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ChartFrame, HorizontalBars } from '../../components/charts';
import { SERVICE_COLOR, ServiceDot } from '../../components/ScenarioBits';
import { NoTraffic, hasTraffic } from './OverviewTab';

export function AnalysisTab({
  scenario, metrics, projection,
}: {
  scenario: Scenario;
  metrics: UseQueryResult<Metrics>;
  projection: UseQueryResult<Projection>;
}) {
  const { t, usd, num, pct, bytes, compact } = useI18n();
  const sources = useQuery({
    queryKey: keys.sources(scenario.id),
    queryFn: () => scenariosApi.sources(scenario.id),
    refetchInterval: scenario.status === 'running' ? 15_000 : false,
  });
  const m = metrics.data;
  if (metrics.isPending) return <Skeleton className="h-80 w-full" />;
  if (!m || !hasTraffic(m)) return <NoTraffic scenario={scenario} />;

  const s = m.summary;
  const dominant = [...m.cost_breakdown].sort((a, b) => b.cost_usd - a.cost_usd)[0];
  const tip = dominant ? ({ bedrock: 'analysis.tipBedrock', lambda: 'analysis.tipLambda', sqs: 'analysis.tipSqs' } as const)[dominant.service] : null;
  const efficiency: [string, string][] = [
    [t('analysis.perRequest'), usd(s.avg_cost_per_request)],
    [t('analysis.perThousand'), usd((s.total_cost_usd / s.total_requests) * 1000)],
    [t('analysis.perMillionTokens'), s.llm_tokens > 0 ? usd((s.total_cost_usd / s.llm_tokens) * 1_000_000) : '—'],
    [t('analysis.eventsPerInvocation'), s.lambda_invocations > 0 ? num(s.total_requests / s.lambda_invocations, 2) : '—'],
    [t('analysis.blocksPerEvent'), num(s.sqs_blocks / s.total_requests, 2)],
    [t('whatif.monthly'), projection.data ? usd(projection.data.projected_summary.total_cost_usd) : '—'],
  ];

  const pii = PII_TYPES.map((k) => ({ key: k, label: t(`pii.${k}`), value: s.pii_by_type[k] ?? 0 }))
    .filter((x) => x.value > 0)
    .sort((a, b) => b.value - a.value);
  const piiSummary = pii.map((x) => `${x.label}: ${num(x.value)}`).join(', ');

  return (
    <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
      <Card title={t('analysis.efficiency')} description={t('analysis.efficiencyHint')}>
        <dl className="grid grid-cols-2 gap-px bg-line sm:grid-cols-3">
          {efficiency.map(([k, v]) => (
            <div key={k} className="bg-surface px-5 py-4">
              <dt className="text-xs text-muted">{k}</dt>
              <dd className="mt-1 text-lg font-semibold text-fg tabular">{v}</dd>
            </div>
          ))}
        </dl>
        {dominant && (
          <div className="border-t border-line px-5 py-4">
            <div className="mb-3 flex h-2.5 overflow-hidden rounded-full bg-surface-2" aria-hidden>
              {SERVICES.map((sv) => {
                const b = m.cost_breakdown.find((x) => x.service === sv);
                return <span key={sv} style={{ width: `${b?.percentage ?? 0}%`, background: SERVICE_COLOR[sv] }} />;
              })}
            </div>
            <p className="flex items-center gap-2 text-sm font-medium text-fg">
              <ServiceDot service={dominant.service} />
              {t('analysis.dominant', { service: t(`service.${dominant.service}.long`), share: pct(dominant.percentage) })}
            </p>
            {tip && (
              <p className="mt-2 flex gap-2 text-[13px] leading-relaxed text-muted">
                <Lightbulb className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
                {t(tip)}
              </p>
            )}
          </div>
        )}
      </Card>

      {pii.length === 0 ? (
        <Card title={t('analysis.pii')} description={t('analysis.piiHint')}>
          <EmptyState icon={<ShieldCheck className="size-6" />} title={t('analysis.piiNone')} />
        </Card>
      ) : (
        <ChartFrame
          title={t('analysis.pii')}
          description={`${t('analysis.piiHint')} ${t('analysis.piiShare', { share: pct((s.pii_violations / s.total_requests) * 100) })}`}
          summary={piiSummary}
          height={Math.max(160, pii.length * 42 + 30)}
          table={
            <Table caption={t('analysis.pii')}>
              <thead>
                <tr>
                  <th className={th}>{t('common.details')}</th>
                  <th className={thNum}>{t('common.events')}</th>
                  <th className={thNum}>{t('common.share')}</th>
                </tr>
              </thead>
              <tbody>
                {pii.map((x) => (
                  <tr key={x.key}>
                    <td className={td}>{x.label}</td>
                    <td className={tdNum}>{num(x.value)}</td>
                    <td className={tdNum}>{pct((x.value / s.total_requests) * 100)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          }
        >
          <HorizontalBars data={pii} format={(v) => compact(v)} color="#e11d48" />
        </ChartFrame>
      )}

      <Card title={t('analysis.sources')} description={t('analysis.sourcesHint')} className="lg:col-span-2">
        {sources.isPending ? (
          <Skeleton className="m-5 h-24" />
        ) : (
          <Table caption={t('analysis.sources')}>
            <thead>
              <tr>
                <th className={th}>{t('analysis.source')}</th>
                <th className={thNum}>{t('common.events')}</th>
                <th className={thNum}>{t('analysis.bytes')}</th>
                <th className={thNum}>{t('analysis.inputTokens')}</th>
                <th className={thNum}>{t('analysis.piiEvents')}</th>
                <th className={thNum}>{t('common.cost')}</th>
                <th className={cx(th, 'w-48')}>{t('common.share')}</th>
              </tr>
            </thead>
            <tbody>
              {(sources.data?.sources ?? []).map((src) => (
                <tr key={src.source}>
                  <td className={cx(td, 'font-mono text-[13px]')}>{src.source || t('analysis.noSource')}</td>
                  <td className={tdNum}>{num(src.events)}</td>
                  <td className={tdNum}>{bytes(src.bytes)}</td>
                  <td className={tdNum}>{num(src.input_tokens)}</td>
                  <td className={tdNum}>{num(src.pii_events)}</td>
                  <td className={cx(tdNum, 'font-medium')}>{usd(src.cost_usd)}</td>
                  <td className={td}>
                    <div className="flex items-center gap-2">
                      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-surface-2" aria-hidden>
                        <div className="h-full rounded-full bg-accent" style={{ width: `${src.cost_share_percent}%` }} />
                      </div>
                      <span className="w-12 text-right text-xs text-muted tabular">{pct(src.cost_share_percent)}</span>
                    </div>
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
