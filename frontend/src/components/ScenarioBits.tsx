import type { ScenarioStatus, Service } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { Badge, type Tone } from './ui';

const statusTone: Record<ScenarioStatus, Tone> = {
  draft: 'neutral',
  running: 'success',
  completed: 'info',
  archived: 'warning',
};

export function StatusBadge({ status }: { status: ScenarioStatus }) {
  const { t } = useI18n();
  return (
    <Badge tone={statusTone[status]}>
      <span
        aria-hidden
        className={
          status === 'running'
            ? 'live-dot size-1.5 rounded-full bg-success'
            : 'size-1.5 rounded-full bg-current opacity-70'
        }
      />
      {t(`status.${status}`)}
    </Badge>
  );
}

export const SERVICE_COLOR: Record<Service, string> = {
  sqs: 'var(--chart-sqs)',
  lambda: 'var(--chart-lambda)',
  bedrock: 'var(--chart-bedrock)',
};

export function ServiceDot({ service }: { service: Service }) {
  return <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-sm" style={{ background: SERVICE_COLOR[service] }} />;
}

export function modelName(modelId: string, models?: { model_id: string; display_name: string }[]): string {
  return models?.find((m) => m.model_id === modelId)?.display_name ?? modelId;
}
