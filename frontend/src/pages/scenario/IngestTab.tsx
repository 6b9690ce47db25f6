import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KeyRound, Play, Send } from 'lucide-react';
import { apiKeys } from '../../api/endpoints';
import { keys } from '../../api/hooks';
import type { IssuedKey, Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import { Alert, Button, Card, CodeBlock, CopyButton, Field, Select, TabList } from '../../components/ui';

type Shipper = 'curl' | 'logstash' | 'fluentbit' | 'otel';
const SHIPPERS: { id: Shipper; label: string; language: string }[] = [
  { id: 'curl', label: 'curl', language: 'bash' },
  { id: 'logstash', label: 'Logstash', language: 'ruby' },
  { id: 'fluentbit', label: 'Fluent Bit', language: 'ini' },
  { id: 'otel', label: 'OpenTelemetry', language: 'yaml' },
];

/** The copy-paste configuration of each shipper, for this server, scenario and key. */
export function snippet(shipper: Shipper, origin: string, scenarioId: string, key: string, keyNote?: string): string {
  const url = new URL(origin);
  const tls = url.protocol === 'https:';
  const port = url.port || (tls ? '443' : '80');
  const note = keyNote ? `# ${keyNote}\n` : '';
  switch (shipper) {
    case 'curl':
      return `${note}curl -XPOST ${origin}/ingest \\
  -H "X-API-Key: ${key}" \\
  -H "X-Scenario-ID: ${scenarioId}" \\
  -H 'Content-Type: application/x-ndjson' \\
  --data-binary @events.ndjson`;
    case 'logstash':
      return `${note}output {
  http {
    url => "${origin}/ingest"
    http_method => "post"
    format => "json_batch"
    headers => { "X-API-Key" => "${key}" "X-Scenario-ID" => "${scenarioId}" }
  }
}`;
    case 'fluentbit':
      return `${note}[OUTPUT]
    Name    http
    Match   *
    Host    ${url.hostname}
    Port    ${port}
    URI     /ingest
    Format  json_lines
    tls     ${tls ? 'On' : 'Off'}
    Header  X-API-Key ${key}
    Header  X-Scenario-ID ${scenarioId}`;
    case 'otel':
      return `${note}# OpenTelemetry Collector (otlphttp exporter)
exporters:
  otlphttp:
    logs_endpoint: ${origin}/v1/logs
    headers:
      X-API-Key: ${key}
      X-Scenario-ID: ${scenarioId}
service:
  pipelines:
    logs:
      exporters: [otlphttp]

# or an OpenTelemetry SDK, by environment:
# OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${origin}/v1/logs
# OTEL_EXPORTER_OTLP_LOGS_HEADERS=X-API-Key=${key}
# OTEL_RESOURCE_ATTRIBUTES=mockupaws.scenario.id=${scenarioId}`;
  }
}

export function IngestTab({ scenario, onStart }: { scenario: Scenario; onStart: () => void }) {
  const { t } = useI18n();
  const { text } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const [shipper, setShipper] = useState<Shipper>('curl');
  const [choice, setChoice] = useState('placeholder');
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const origin = window.location.origin;

  const list = useQuery({ queryKey: keys.apiKeys, queryFn: apiKeys.list });
  const ingestKeys = (list.data ?? []).filter((k) => k.status === 'active' && k.scopes.includes('ingest'));

  const create = useMutation({
    mutationFn: () => apiKeys.create({ name: t('ingest.newKeyName', { name: scenario.name }).slice(0, 100), scopes: ['ingest'] }),
    onSuccess: (k) => {
      setIssued(k);
      setChoice('issued');
      qc.invalidateQueries({ queryKey: keys.apiKeys });
      toast('success', t('ingest.newKeyCreated'));
    },
    onError: (e) => toast('error', text(e)),
  });

  const sendTest = useMutation({
    mutationFn: async () => {
      const res = await fetch(`/api/v1/scenarios/${scenario.id}/ingest`, {
        method: 'POST',
        headers: { 'X-API-Key': issued!.key, 'Content-Type': 'application/json', 'X-Source': 'mockupaws-dashboard' },
        body: JSON.stringify({ message: `test event from the dashboard at ${new Date().toISOString()}`, source: 'mockupaws-dashboard' }),
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        throw new Error((body as { detail?: string }).detail ?? `HTTP ${res.status}`);
      }
    },
    onSuccess: () => {
      toast('success', t('ingest.testSent'));
      qc.invalidateQueries({ queryKey: ['metrics', scenario.id] });
    },
    onError: (e) => toast('error', text(e)),
  });

  const existing = ingestKeys.find((k) => k.id === choice);
  const keyValue = choice === 'issued' && issued ? issued.key : '$MOCKUPAWS_KEY';
  const keyNote = existing ? `API key "${existing.name}" (${existing.prefix}…): set MOCKUPAWS_KEY to it` : undefined;
  const code = useMemo(() => snippet(shipper, origin, scenario.id, keyValue, keyNote), [shipper, origin, scenario.id, keyValue, keyNote]);

  return (
    <div className="flex flex-col gap-5">
      {scenario.status !== 'running' && (
        <Alert
          tone={scenario.status === 'draft' ? 'info' : 'warning'}
          action={
            scenario.status === 'draft' ? (
              <Button size="sm" variant="primary" icon={<Play className="size-4" aria-hidden />} onClick={onStart}>
                {t('ingest.startNow')}
              </Button>
            ) : undefined
          }
        >
          {t('ingest.notRunning', { status: t(`status.${scenario.status}`) })}
        </Alert>
      )}

      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[360px_1fr]">
        <Card title={t('ingest.title')} description={t('ingest.intro')}>
          <div className="flex flex-col gap-5 px-5 py-4">
            <div>
              <p className="text-[13px] font-medium text-fg">{t('ingest.endpoint')}</p>
              <div className="mt-1.5 flex items-center gap-2">
                <code className="flex-1 truncate rounded-lg border border-line bg-surface-2 px-3 py-2 font-mono text-[13px]" data-testid="ingest-endpoint">
                  {origin}/ingest
                </code>
                <CopyButton text={`${origin}/ingest`} />
              </div>
            </div>
            <div>
              <p className="text-[13px] font-medium text-fg">{t('ingest.scenarioId')}</p>
              <div className="mt-1.5 flex items-center gap-2">
                <code className="flex-1 truncate rounded-lg border border-line bg-surface-2 px-3 py-2 font-mono text-[13px]">{scenario.id}</code>
                <CopyButton text={scenario.id} />
              </div>
            </div>
            <Field label={t('ingest.key')} hint={t('ingest.keyHint')}>
              <Select id="ingest-key" value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="placeholder">{t('ingest.keyPlaceholder')}</option>
                {issued && <option value="issued">{`${issued.name} (${issued.prefix}…)`}</option>}
                {ingestKeys
                  .filter((k) => k.id !== issued?.id)
                  .map((k) => (
                    <option key={k.id} value={k.id}>
                      {t('ingest.keyPrefix', { name: k.name, prefix: k.prefix })}
                    </option>
                  ))}
              </Select>
            </Field>
            <Button icon={<KeyRound className="size-4" aria-hidden />} loading={create.isPending} onClick={() => create.mutate()}>
              {t('ingest.newKey')}
            </Button>
            {issued && choice === 'issued' && (
              <div className="rounded-lg border border-warning/30 bg-warning-soft p-3">
                <p className="text-xs text-fg">{t('keys.shownOnce')}</p>
                <div className="mt-2 flex items-center gap-2">
                  <code className="flex-1 truncate font-mono text-[12.5px] text-fg" data-testid="issued-key">
                    {issued.key}
                  </code>
                  <CopyButton text={issued.key} />
                </div>
              </div>
            )}
            <div className="border-t border-line pt-4">
              <Button
                variant="primary"
                icon={<Send className="size-4" aria-hidden />}
                disabled={!(issued && choice === 'issued') || scenario.status !== 'running'}
                loading={sendTest.isPending}
                onClick={() => sendTest.mutate()}
              >
                {t('ingest.tryIt')}
              </Button>
              <p className="mt-2 text-xs text-muted">
                {issued && choice === 'issued' ? t('ingest.tryItHint') : t('ingest.needsFullKey')}
              </p>
            </div>
          </div>
        </Card>

        <Card title={t('ingest.snippets')}>
          <div className="px-5 pt-4">
            <TabList
              label={t('ingest.snippets')}
              idPrefix="shipper"
              tabs={SHIPPERS.map((s) => ({ id: s.id, label: s.label }))}
              value={shipper}
              onChange={(v) => setShipper(v as Shipper)}
            />
          </div>
          <div role="tabpanel" id={`shipper-panel-${shipper}`} aria-labelledby={`shipper-tab-${shipper}`} className="p-5">
            <CodeBlock code={code} label={SHIPPERS.find((s) => s.id === shipper)!.label} language={SHIPPERS.find((s) => s.id === shipper)!.language} />
          </div>
        </Card>
      </div>
    </div>
  );
}
