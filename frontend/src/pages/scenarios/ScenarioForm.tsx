import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Cpu, Inbox, Sparkles } from 'lucide-react';
import { scenarios as scenariosApi, type ScenarioInput } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { keys, useModels, usePricedRegions } from '../../api/hooks';
import { AWS_REGIONS } from '../../api/regions';
import type { PipelineConfig, Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import { Alert, Button, Checkbox, Dialog, Field, Input, Select, TextArea } from '../../components/ui';

export const DEFAULT_PIPELINE: PipelineConfig = {
  sqs: { queue_type: 'standard', send_batch_size: 1, include_consumer_requests: true },
  lambda: { architecture: 'x86_64', memory_mb: 128, duration_ms: 100, duration_model: null, batch_size: 1, ephemeral_storage_mb: 512 },
  bedrock: { model_id: 'anthropic.claude-3-haiku-20240307-v1:0', output_tokens_per_invocation: 100, prompt_overhead_tokens: 0, mode: 'on_demand' },
  free_tier: false,
  price_overrides: { discount_percent: { sqs: 0, lambda: 0, bedrock: 0 }, bedrock: null },
};

export function clonePipeline(p: PipelineConfig): PipelineConfig {
  return JSON.parse(JSON.stringify(p)) as PipelineConfig;
}

type Errors = Record<string, string>;

function num(v: string): number {
  return v === '' ? NaN : Number(v);
}

/**
 * The pipeline's knobs, each with a sentence in plain words about what it changes on the bill. Shared by the
 * create/edit dialog and the what-if tab.
 */
export function PipelineFields({
  value, onChange, errors = {}, idPrefix, compact,
}: {
  value: PipelineConfig;
  onChange: (p: PipelineConfig) => void;
  errors?: Errors;
  idPrefix: string;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const models = useModels();
  const set = (mutate: (p: PipelineConfig) => void) => {
    const next = clonePipeline(value);
    mutate(next);
    onChange(next);
  };
  const e = (path: string) => errors[`pipeline.${path}`];
  const hint = (k: Parameters<typeof t>[0]) => (compact ? undefined : t(k));
  const grid = compact ? 'grid gap-4' : 'grid gap-4 sm:grid-cols-2';

  return (
    <div className="flex flex-col gap-6">
      <FormSection icon={<Inbox className="size-4" />} title={t('form.sqs')} intro={compact ? undefined : t('form.sqsIntro')}>
        <div className={grid}>
          <Field label={t('form.queueType')} hint={hint('form.queueTypeHint')} error={e('sqs.queue_type')}>
            <Select id={`${idPrefix}-queue`} value={value.sqs.queue_type} onChange={(ev) => set((p) => (p.sqs.queue_type = ev.target.value as 'standard' | 'fifo'))}>
              <option value="standard">{t('form.queue.standard')}</option>
              <option value="fifo">{t('form.queue.fifo')}</option>
            </Select>
          </Field>
          <Field label={t('form.sendBatch')} hint={hint('form.sendBatchHint')} error={e('sqs.send_batch_size')}>
            <Input id={`${idPrefix}-sendbatch`} type="number" min={1} max={10} value={value.sqs.send_batch_size}
              onChange={(ev) => set((p) => (p.sqs.send_batch_size = num(ev.target.value)))} />
          </Field>
        </div>
        <Checkbox className="mt-4" label={t('form.consumerRequests')} hint={hint('form.consumerRequestsHint')}
          checked={value.sqs.include_consumer_requests}
          onChange={(ev) => set((p) => (p.sqs.include_consumer_requests = ev.target.checked))} />
      </FormSection>

      <FormSection icon={<Cpu className="size-4" />} title={t('form.lambda')} intro={compact ? undefined : t('form.lambdaIntro')}>
        <div className={grid}>
          <Field label={t('form.architecture')} hint={hint('form.architectureHint')} error={e('lambda.architecture')}>
            <Select id={`${idPrefix}-arch`} value={value.lambda.architecture} onChange={(ev) => set((p) => (p.lambda.architecture = ev.target.value as 'x86_64' | 'arm64'))}>
              <option value="x86_64">{t('form.arch.x86_64')}</option>
              <option value="arm64">{t('form.arch.arm64')}</option>
            </Select>
          </Field>
          <Field label={t('form.memory')} hint={hint('form.memoryHint')} error={e('lambda.memory_mb')}>
            <Input id={`${idPrefix}-memory`} type="number" min={128} max={10240} step={64} value={value.lambda.memory_mb}
              onChange={(ev) => set((p) => (p.lambda.memory_mb = num(ev.target.value)))} />
          </Field>
          <Field label={t('form.duration')} hint={hint('form.durationHint')} error={e('lambda.duration_ms')}>
            <Input id={`${idPrefix}-duration`} type="number" min={1} max={900000} value={value.lambda.duration_ms}
              onChange={(ev) => set((p) => (p.lambda.duration_ms = num(ev.target.value)))} />
          </Field>
          <Field label={t('form.batchSize')} hint={hint('form.batchSizeHint')} error={e('lambda.batch_size')}>
            <Input id={`${idPrefix}-batch`} type="number" min={1} max={10000} value={value.lambda.batch_size}
              onChange={(ev) => set((p) => (p.lambda.batch_size = num(ev.target.value)))} />
          </Field>
          {!compact && (
            <Field label={t('form.storage')} hint={hint('form.storageHint')} error={e('lambda.ephemeral_storage_mb')}>
              <Input id={`${idPrefix}-storage`} type="number" min={512} max={10240} value={value.lambda.ephemeral_storage_mb}
                onChange={(ev) => set((p) => (p.lambda.ephemeral_storage_mb = num(ev.target.value)))} />
            </Field>
          )}
        </div>
      </FormSection>

      <FormSection icon={<Sparkles className="size-4" />} title={t('form.bedrock')} intro={compact ? undefined : t('form.bedrockIntro')}>
        <div className={grid}>
          <Field label={t('form.model')} hint={hint('form.modelHint')} error={e('bedrock.model_id')} className={compact ? '' : 'sm:col-span-2'}>
            <Select id={`${idPrefix}-model`} value={value.bedrock.model_id} onChange={(ev) => set((p) => (p.bedrock.model_id = ev.target.value))}>
              {(models.data?.models ?? [{ model_id: value.bedrock.model_id, display_name: value.bedrock.model_id, provider: '' }]).map((m) => (
                <option key={m.model_id} value={m.model_id}>
                  {m.provider ? `${m.provider} · ${m.display_name}` : m.display_name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('form.outputTokens')} hint={hint('form.outputTokensHint')} error={e('bedrock.output_tokens_per_invocation')}>
            <Input id={`${idPrefix}-output`} type="number" min={0} max={1000000} value={value.bedrock.output_tokens_per_invocation}
              onChange={(ev) => set((p) => (p.bedrock.output_tokens_per_invocation = num(ev.target.value)))} />
          </Field>
          <Field label={t('form.promptOverhead')} hint={hint('form.promptOverheadHint')} error={e('bedrock.prompt_overhead_tokens')}>
            <Input id={`${idPrefix}-prompt`} type="number" min={0} max={1000000} value={value.bedrock.prompt_overhead_tokens}
              onChange={(ev) => set((p) => (p.bedrock.prompt_overhead_tokens = num(ev.target.value)))} />
          </Field>
          <Field label={t('form.mode')} error={e('bedrock.mode')}>
            <Select id={`${idPrefix}-mode`} value={value.bedrock.mode} onChange={(ev) => set((p) => (p.bedrock.mode = ev.target.value as 'on_demand' | 'batch'))}>
              <option value="on_demand">{t('form.mode.on_demand')}</option>
              <option value="batch">{t('form.mode.batch')}</option>
            </Select>
          </Field>
        </div>
      </FormSection>

      <Checkbox label={t('form.freeTier')} hint={hint('form.freeTierHint')} checked={value.free_tier}
        onChange={(ev) => set((p) => (p.free_tier = ev.target.checked))} />

      {!compact && (
        <details className="group rounded-xl border border-line bg-surface-2/50 px-4 py-3">
          <summary className="cursor-pointer text-sm font-medium text-fg">{t('form.discounts')}</summary>
          <p className="mt-2 text-[13px] text-muted">{t('form.discountsIntro')}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-3">
            {(['sqs', 'lambda', 'bedrock'] as const).map((s) => (
              <Field key={s} label={t('form.discountFor', { service: t(`service.${s}`) })} error={e(`price_overrides.discount_percent.${s}`)}>
                <Input id={`${idPrefix}-discount-${s}`} type="number" min={0} max={100} step="0.5"
                  value={value.price_overrides.discount_percent[s]}
                  onChange={(ev) => set((p) => (p.price_overrides.discount_percent[s] = num(ev.target.value)))} />
              </Field>
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

function FormSection({ icon, title, intro, children }: { icon: ReactNode; title: string; intro?: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 flex items-center gap-2 text-sm font-semibold text-fg">
        <span className="flex size-6 items-center justify-center rounded-md bg-accent-soft text-accent-text" aria-hidden>
          {icon}
        </span>
        {title}
      </legend>
      {intro && <p className="mb-4 text-[13px] leading-relaxed text-muted">{intro}</p>}
      {!intro && <div className="mb-3" />}
      {children}
    </fieldset>
  );
}

/** Field errors of a 422, keyed by the API's field path ("pipeline.lambda.memory_mb"). */
export function fieldErrors(e: unknown, translate: (m: string) => string | undefined): Errors {
  if (!(e instanceof ApiError)) return {};
  const out: Errors = {};
  for (const x of e.errors) out[x.field.replace(/\[\d+\]$/, '')] = translate(x.message) ?? x.message;
  if (typeof e.body.field === 'string') out[e.body.field] = e.detail;
  return out;
}

export function ScenarioFormDialog({
  open, onClose, scenario, onSaved,
}: {
  open: boolean;
  onClose: () => void;
  scenario?: Scenario;
  onSaved?: (s: Scenario) => void;
}) {
  const { t } = useI18n();
  const { text, field } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const priced = usePricedRegions();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [tags, setTags] = useState('');
  const [pipeline, setPipeline] = useState<PipelineConfig>(DEFAULT_PIPELINE);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    setName(scenario?.name ?? '');
    setDescription(scenario?.description ?? '');
    setRegion(scenario?.region ?? 'us-east-1');
    setTags(scenario?.tags.join(', ') ?? '');
    setPipeline(clonePipeline(scenario?.pipeline ?? DEFAULT_PIPELINE));
    setErrors({});
    setFormError(null);
  }, [open, scenario]);

  const save = useMutation({
    mutationFn: (body: ScenarioInput) => (scenario ? scenariosApi.update(scenario.id, body) : scenariosApi.create(body)),
    onSuccess: (s) => {
      qc.invalidateQueries({ queryKey: keys.scenarios });
      qc.setQueryData(keys.scenario(s.id), s);
      qc.invalidateQueries({ queryKey: ['metrics', s.id] });
      qc.invalidateQueries({ queryKey: keys.projection(s.id) });
      toast('success', scenario ? t('form.saved') : t('form.created', { name: s.name }));
      onClose();
      onSaved?.(s);
    },
    onError: (e) => {
      const fe = fieldErrors(e, field);
      setErrors(fe);
      setFormError(Object.keys(fe).length ? null : text(e));
    },
  });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t('errors.required') });
      document.getElementById('scenario-name')?.focus();
      return;
    }
    save.mutate({
      name: name.trim(),
      description: description.trim(),
      region,
      tags: tags.split(',').map((x) => x.trim()).filter(Boolean),
      pipeline,
    });
  };

  const regionsHint = t('form.regionHint', { regions: (priced.data ?? ['us-east-1']).join(', ') });

  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="xl"
      title={scenario ? t('form.editTitle') : t('form.createTitle')}
      description={scenario ? undefined : t('form.createDescription')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form="scenario-form" loading={save.isPending}>
            {scenario ? t('form.saveChanges') : t('common.create')}
          </Button>
        </>
      }
    >
      <form id="scenario-form" onSubmit={submit} noValidate className="flex flex-col gap-7">
        {formError && <Alert tone="danger">{formError}</Alert>}
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-3 text-sm font-semibold text-fg">{t('form.basics')}</legend>
          <Field label={t('form.name')} hint={t('form.nameHint')} error={errors.name}>
            <Input id="scenario-name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} autoFocus />
          </Field>
          <Field label={t('form.region')} hint={regionsHint} error={errors.region}>
            <Select id="scenario-region" value={region} onChange={(e) => setRegion(e.target.value)}>
              {AWS_REGIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('form.description')} optional error={errors.description} className="sm:col-span-2">
            <TextArea id="scenario-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <Field label={t('form.tags')} optional hint={t('form.tagsHint')} error={errors.tags} className="sm:col-span-2">
            <Input id="scenario-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
          </Field>
        </fieldset>
        <PipelineFields value={pipeline} onChange={setPipeline} errors={errors} idPrefix="scenario" />
      </form>
    </Dialog>
  );
}
