import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { pricing } from '../../api/endpoints';
import { keys, useModels } from '../../api/hooks';
import { SERVICES, type PriceEntry } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { Alert, Badge, Card, EmptyState, Field, Input, PageHeader, Select, Skeleton, Table, cx, td, tdNum, th, thNum } from '../../components/ui';
import { ServiceDot } from '../../components/ScenarioBits';

export default function PricingPage() {
  const { t, num, usd, date, compact, dim, unit } = useI18n();
  const { text } = useErrorText();
  const [service, setService] = useState('');
  const [region, setRegion] = useState('');
  const [variant, setVariant] = useState('');
  const prices = useQuery({ queryKey: keys.prices, queryFn: () => pricing.prices(), staleTime: 10 * 60_000 });
  const models = useModels();

  const regions = useMemo(() => [...new Set((prices.data?.prices ?? []).map((p) => p.region))].sort(), [prices.data]);
  const rows = useMemo(() => {
    const list = (prices.data?.prices ?? []).filter(
      (p) =>
        (!service || p.service === service) &&
        (!region || p.region === region) &&
        (!variant || p.variant.toLowerCase().includes(variant.toLowerCase()) || p.dimension.toLowerCase().includes(variant.toLowerCase())),
    );
    return list.sort(
      (a, b) =>
        SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service) ||
        a.region.localeCompare(b.region) ||
        a.variant.localeCompare(b.variant) ||
        a.dimension.localeCompare(b.dimension) ||
        a.tier_start - b.tier_start,
    );
  }, [prices.data, service, region, variant]);

  const tier = (p: PriceEntry) =>
    p.tier_end === null
      ? p.tier_start === 0
        ? '—'
        : t('pricing.tierFrom', { start: compact(p.tier_start) })
      : t('pricing.tierRange', { start: compact(p.tier_start), end: compact(p.tier_end) });

  return (
    <div>
      <PageHeader title={t('pricing.title')} description={t('pricing.description')} />
      {prices.isError && <Alert tone="danger">{text(prices.error)}</Alert>}

      <div className="grid grid-cols-1 gap-5">
        <Card
          title={t('pricing.prices')}
          description={prices.data ? t('pricing.count', { count: rows.length }) : undefined}
        >
          <form role="search" aria-label={t('pricing.prices')} className="grid gap-3 border-b border-line p-4 sm:grid-cols-3" onSubmit={(e) => e.preventDefault()}>
            <Field label={t('pricing.service')}>
              <Select id="price-service" value={service} onChange={(e) => setService(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {SERVICES.map((s) => (
                  <option key={s} value={s}>
                    {t(`service.${s}.long`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('pricing.region')}>
              <Select id="price-region" value={region} onChange={(e) => setRegion(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('pricing.filterVariant')}>
              <Input id="price-variant" type="search" value={variant} onChange={(e) => setVariant(e.target.value)} icon={<Search className="size-4" />}
              />
            </Field>
          </form>
          {prices.isPending ? (
            <Skeleton className="m-5 h-64" />
          ) : rows.length === 0 ? (
            <EmptyState title={t('pricing.empty')} />
          ) : (
            <Table caption={t('pricing.prices')}>
              <thead>
                <tr>
                  <th className={th}>{t('pricing.service')}</th>
                  <th className={th}>{t('pricing.region')}</th>
                  <th className={th}>{t('pricing.variant')}</th>
                  <th className={th}>{t('common.dimension')}</th>
                  <th className={thNum}>{t('pricing.tier')}</th>
                  <th className={thNum}>{t('pricing.price')}</th>
                  <th className={th}>{t('pricing.effective')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  <tr key={i}>
                    <td className={td}>
                      <span className="inline-flex items-center gap-2">
                        <ServiceDot service={p.service} />
                        {t(`service.${p.service}`)}
                      </span>
                    </td>
                    <td className={cx(td, 'font-mono text-[13px] whitespace-nowrap text-muted')}>{p.region}</td>
                    <td className={cx(td, 'whitespace-nowrap')} title={p.variant}>
                      {p.service === 'bedrock' ? (
                        <span className="text-fg">{models.data?.models.find((m) => m.model_id === p.variant)?.display_name ?? p.variant}</span>
                      ) : (
                        <span className="font-mono text-[12.5px]">{p.variant}</span>
                      )}
                    </td>
                    <td className={cx(td, 'whitespace-nowrap text-muted')}>{dim(p.dimension)}</td>
                    <td className={cx(tdNum, 'text-muted')} title={p.tier_end === null ? undefined : `${num(p.tier_start)} – ${num(p.tier_end)}`}>{tier(p)}</td>
                    <td className={tdNum}>
                      <span className="font-medium text-fg">{usd(p.price_per_unit)}</span>{' '}
                      <span className="text-xs text-muted">{t('pricing.per', { qty: num(p.unit_quantity), unit: unit(p.unit) })}</span>
                    </td>
                    <td className={cx(td, 'whitespace-nowrap text-muted')} title={`${t('pricing.source')}: ${p.source}`}>
                      {date(p.effective_from)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>

        <Card title={t('pricing.models')} description={t('pricing.modelsHint')}>
          {models.isPending ? (
            <Skeleton className="m-5 h-40" />
          ) : (
            <Table caption={t('pricing.models')}>
              <thead>
                <tr>
                  <th className={th}>{t('form.model')}</th>
                  <th className={th}>{t('pricing.provider')}</th>
                  <th className={th}>{t('pricing.tokenizer')}</th>
                  <th className={th}>{t('pricing.region')}</th>
                </tr>
              </thead>
              <tbody>
                {(models.data?.models ?? []).map((m) => (
                  <tr key={m.model_id}>
                    <td className={td}>
                      <p className="font-medium text-fg">
                        {m.display_name}
                        {m.deprecated_at && (
                          <Badge tone="warning" className="ml-2">
                            {t('pricing.deprecated')}
                          </Badge>
                        )}
                      </p>
                      <p className="font-mono text-xs text-muted">{m.model_id}</p>
                    </td>
                    <td className={cx(td, 'text-muted')}>{m.provider}</td>
                    <td className={td}>
                      <span className="font-mono text-[13px]">{m.tokenizer}</span>{' '}
                      <Badge tone={m.tokens_exact ? 'success' : 'neutral'}>{m.tokens_exact ? t('pricing.exact') : t('pricing.estimated')}</Badge>
                    </td>
                    <td className={cx(td, 'font-mono text-[13px] text-muted')}>{m.regions.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
      </div>
    </div>
  );
}
