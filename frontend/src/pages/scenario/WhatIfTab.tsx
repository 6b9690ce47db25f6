import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { FlaskConical, RotateCcw, Save, TrendingDown, TrendingUp } from 'lucide-react';
import { scenarios as scenariosApi } from '../../api/endpoints';
import { keys, usePricedRegions } from '../../api/hooks';
import { AWS_REGIONS } from '../../api/regions';
import { SERVICES, type Estimate, type Metrics, type PipelineConfig, type Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { formatSignedPercent, formatSignedUsd } from '../../i18n/format';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import { Alert, Button, Card, Field, Select, Skeleton, Table, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ChartFrame, GroupedBars } from '../../components/charts';
import { ServiceDot } from '../../components/ScenarioBits';
import { PipelineFields, clonePipeline, fieldErrors } from '../scenarios/ScenarioForm';
import { NoTraffic, hasTraffic } from './OverviewTab';

export function WhatIfTab({ scenario, metrics }: { scenario: Scenario; metrics: UseQueryResult<Metrics> }) {
  const { t, usd, num, compact, locale } = useI18n();
  const { text, field } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const priced = usePricedRegions();
  const [region, setRegion] = useState(scenario.region);
  const [pipeline, setPipeline] = useState<PipelineConfig>(() => clonePipeline(scenario.pipeline));
  const [result, setResult] = useState<Estimate | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const first = useRef(true);

  const estimate = useMutation({
    mutationFn: () => scenariosApi.estimate(scenario.id, { region, pipeline }),
    onSuccess: (r) => {
      setResult(r);
      setErrors({});
      setError(null);
    },
    onError: (e) => {
      const fe = fieldErrors(e, field);
      setErrors(fe);
      setError(Object.keys(fe).length ? null : text(e));
    },
  });

  const apply = useMutation({
    mutationFn: () => scenariosApi.update(scenario.id, { region, pipeline }),
    onSuccess: (s) => {
      qc.setQueryData(keys.scenario(s.id), s);
      qc.invalidateQueries({ queryKey: ['metrics', s.id] });
      qc.invalidateQueries({ queryKey: keys.projection(s.id) });
      qc.invalidateQueries({ queryKey: keys.scenarios });
      toast('success', t('whatif.applied'));
    },
    onError: (e) => toast('error', text(e)),
  });

  // re-price a moment after the last change, so the comparison follows the form
  useEffect(() => {
    if (!hasTraffic(metrics.data)) return;
    if (first.current) {
      first.current = false;
      estimate.mutate();
      return;
    }
    const id = setTimeout(() => estimate.mutate(), 500);
    return () => clearTimeout(id);
  }, [region, pipeline, metrics.data?.summary.total_requests]);

  if (metrics.isPending) return <Skeleton className="h-80 w-full" />;
  const current = metrics.data;
  if (!current || !hasTraffic(current)) return <NoTraffic scenario={scenario} />;

  const changed = region !== scenario.region || JSON.stringify(pipeline) !== JSON.stringify(scenario.pipeline);
  const w = result;
  const cost = (m: Metrics | null, s: string) => m?.cost_breakdown.find((b) => b.service === s)?.cost_usd ?? 0;
  const rows: { label: string; a: number; b: number | null; money: boolean; service?: (typeof SERVICES)[number] }[] = [
    { label: t('stats.totalCost'), a: current.summary.total_cost_usd, b: w?.summary.total_cost_usd ?? null, money: true },
    ...SERVICES.map((s) => ({ label: t(`service.${s}.long`), a: cost(current, s), b: w ? cost(w, s) : null, money: true, service: s })),
    { label: t('stats.avgCost'), a: current.summary.avg_cost_per_request, b: w?.summary.avg_cost_per_request ?? null, money: true },
    { label: t('stats.lambdaInvocations'), a: current.summary.lambda_invocations, b: w?.summary.lambda_invocations ?? null, money: false },
    { label: t('stats.llmTokens'), a: current.summary.llm_tokens, b: w?.summary.llm_tokens ?? null, money: false },
  ];
  const delta = w ? w.summary.total_cost_usd - current.summary.total_cost_usd : 0;
  const deltaPct = current.summary.total_cost_usd > 0 ? (delta / current.summary.total_cost_usd) * 100 : null;
  const verdict = !w
    ? null
    : Math.abs(delta) < 0.0000005
      ? t('whatif.same')
      : delta < 0
        ? t('whatif.saves', { amount: usd(-delta), pct: formatSignedPercent(locale, deltaPct) })
        : t('whatif.costs', { amount: usd(delta), pct: formatSignedPercent(locale, deltaPct) });

  const chartData = SERVICES.map((s) => ({ name: t(`service.${s}`), current: cost(current, s), whatif: w ? cost(w, s) : 0 }));

  return (
    <div className="grid grid-cols-1 gap-5 xl:grid-cols-[380px_1fr]">
      <Card title={t('whatif.title')} description={t('whatif.intro')}>
        <form
          className="flex flex-col gap-5 px-5 py-4"
          onSubmit={(e) => {
            e.preventDefault();
            estimate.mutate();
          }}
          noValidate
        >
          <Field label={t('form.region')} error={errors.region} hint={t('form.regionHint', { regions: (priced.data ?? ['us-east-1']).join(', ') })}>
            <Select id="whatif-region" value={region} onChange={(e) => setRegion(e.target.value)}>
              {AWS_REGIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <PipelineFields value={pipeline} onChange={setPipeline} errors={errors} idPrefix="whatif" compact />
          <div className="flex flex-wrap gap-2 border-t border-line pt-4">
            <Button type="submit" variant="primary" loading={estimate.isPending} icon={<FlaskConical className="size-4" aria-hidden />}>
              {t('whatif.run')}
            </Button>
            <Button
              disabled={!changed}
              icon={<RotateCcw className="size-4" aria-hidden />}
              onClick={() => {
                setRegion(scenario.region);
                setPipeline(clonePipeline(scenario.pipeline));
              }}
            >
              {t('whatif.reset')}
            </Button>
          </div>
          {scenario.status === 'archived' ? (
            <p className="text-xs text-muted">{t('whatif.notApplicable')}</p>
          ) : (
            <Button disabled={!changed || !w} loading={apply.isPending} icon={<Save className="size-4" aria-hidden />} onClick={() => apply.mutate()}>
              {t('whatif.apply')}
            </Button>
          )}
        </form>
      </Card>

      <div className="flex min-w-0 flex-col gap-5">
        {error && <Alert tone="warning">{error}</Alert>}
        <Card as="div">
          <div className="grid grid-cols-1 gap-px overflow-hidden rounded-xl bg-line sm:grid-cols-3">
            <div className="bg-surface px-5 py-4">
              <p className="text-xs font-medium text-muted">{t('whatif.current')}</p>
              <p className="mt-1 text-2xl font-semibold text-fg tabular">{usd(current.summary.total_cost_usd)}</p>
            </div>
            <div className="bg-surface px-5 py-4">
              <p className="text-xs font-medium text-muted">{t('whatif.variant')}</p>
              <p className="mt-1 text-2xl font-semibold text-accent-text tabular" data-testid="whatif-total" aria-live="polite">
                {w ? usd(w.summary.total_cost_usd) : '…'}
              </p>
            </div>
            <div className="bg-surface px-5 py-4">
              <p className="text-xs font-medium text-muted">{t('whatif.difference')}</p>
              <p className={cx('mt-1 flex items-center gap-1.5 text-2xl font-semibold tabular', delta < 0 ? 'text-success' : delta > 0 ? 'text-danger' : 'text-fg')}>
                {w && delta < 0 && <TrendingDown className="size-5" aria-hidden />}
                {w && delta > 0 && <TrendingUp className="size-5" aria-hidden />}
                {w ? formatSignedUsd(locale, delta) : '…'}
              </p>
              {verdict && <p className="mt-0.5 text-xs text-muted">{verdict}</p>}
            </div>
          </div>
        </Card>

        <ChartFrame
          title={t('compare.chart')}
          summary={t('whatif.chartLabel')}
          height={260}
          table={comparisonTable(usd, (v) => num(v))}
        >
          <GroupedBars
            data={chartData}
            xKey="name"
            yFormat={(v) => usd(v)}
            series={[
              { key: 'current', label: t('whatif.current'), color: 'var(--line-strong)' },
              { key: 'whatif', label: t('whatif.variant'), color: 'var(--accent)' },
            ]}
          />
        </ChartFrame>

        <Card title={t('whatif.difference')}>
          {comparisonTable(usd, (v) => compact(v))}
          {w?.tokens.estimated && w.tokens.counted_with !== w.tokens.tokenizer && (
            <p className="px-5 py-3 text-xs text-muted">{t('whatif.tokensReestimated', { tokenizer: w.tokens.tokenizer, counted: w.tokens.counted_with })}</p>
          )}
        </Card>
      </div>
    </div>
  );

  function comparisonTable(money: (v: number) => string, count: (v: number) => string) {
    return (
      <Table caption={t('whatif.chartLabel')}>
        <thead>
          <tr>
            <th className={th}>{t('compare.metric')}</th>
            <th className={thNum}>{t('whatif.current')}</th>
            <th className={thNum}>{t('whatif.variant')}</th>
            <th className={thNum}>{t('whatif.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const d = r.b === null ? null : r.b - r.a;
            const fmt = r.money ? money : count;
            return (
              <tr key={r.label}>
                <td className={td}>
                  <span className="inline-flex items-center gap-2">
                    {r.service && <ServiceDot service={r.service} />}
                    {r.label}
                  </span>
                </td>
                <td className={tdNum}>{fmt(r.a)}</td>
                <td className={cx(tdNum, 'font-medium')}>{r.b === null ? '…' : fmt(r.b)}</td>
                <td className={cx(tdNum, d !== null && d < 0 ? 'text-success' : d !== null && d > 0 ? 'text-danger' : 'text-muted')}>
                  {d === null ? '…' : r.money ? formatSignedUsd(locale, d) : (d > 0 ? '+' : d < 0 ? '−' : '') + count(Math.abs(d))}
                  {d !== null && r.a > 0 && <span className="ml-1.5 text-xs">{formatSignedPercent(locale, (d / r.a) * 100)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    );
  }
}
