import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Archive, ChevronRight, CircleDollarSign, Coins, Cpu, Database, FileText, FlaskConical, Gauge, LineChart, Pencil,
  Play, Plug, ShieldAlert, Square, Trash2, Boxes, Brain, Activity, LayoutGrid,
} from 'lucide-react';
import { scenarios as scenariosApi } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { keys, useMetrics, useProjection, useScenario } from '../../api/hooks';
import type { Metrics, Scenario } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useErrorText } from '../../app/errors';
import { useToast } from '../../app/toast';
import { usePageCommands, type Command } from '../../app/commands';
import { Alert, Badge, Button, ConfirmDialog, EmptyState, Spinner, cx } from '../../components/ui';
import { StatusBadge } from '../../components/ScenarioBits';
import { StatCard } from '../../components/StatCard';
import { ScenarioFormDialog } from '../scenarios/ScenarioForm';
import { OverviewTab } from './OverviewTab';
import { MetricsTab } from './MetricsTab';
import { AnalysisTab } from './AnalysisTab';
import { WhatIfTab } from './WhatIfTab';
import { IngestTab } from './IngestTab';
import { ReportsTab } from './ReportsTab';
import type { MessageKey } from '../../i18n/en';

export const TABS = ['overview', 'metrics', 'analysis', 'whatif', 'ingest', 'reports'] as const;
export type Tab = (typeof TABS)[number];
const TAB_ICONS = { overview: LayoutGrid, metrics: LineChart, analysis: Gauge, whatif: FlaskConical, ingest: Plug, reports: FileText };

type Transition = 'start' | 'stop' | 'archive' | 'delete';

export default function ScenarioDetailPage() {
  const { id = '', tab: tabParam } = useParams();
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'overview';
  const { t } = useI18n();
  const { text } = useErrorText();
  const navigate = useNavigate();
  const scenario = useScenario(id);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<Transition | null>(null);

  if (scenario.isPending) return <Spinner />;
  if (scenario.isError) {
    const notFound = scenario.error instanceof ApiError && (scenario.error.status === 404 || scenario.error.status === 400);
    return (
      <EmptyState
        icon={<Database className="size-6" />}
        title={notFound ? t('errors.scenarioNotFound') : t('common.error')}
        body={notFound ? undefined : text(scenario.error)}
        action={<Button onClick={() => navigate('/scenarios')}>{t('nav.scenarios')}</Button>}
      />
    );
  }
  return (
    <Loaded
      scenario={scenario.data}
      tab={tab}
      editing={editing}
      setEditing={setEditing}
      confirm={confirm}
      setConfirm={setConfirm}
    />
  );
}

function Loaded({
  scenario, tab, editing, setEditing, confirm, setConfirm,
}: {
  scenario: Scenario;
  tab: Tab;
  editing: boolean;
  setEditing: (v: boolean) => void;
  confirm: Transition | null;
  setConfirm: (v: Transition | null) => void;
}) {
  const { t, dateTime, relative } = useI18n();
  const { text } = useErrorText();
  const toast = useToast();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const metrics = useMetrics(scenario, 'hour');
  const projection = useProjection(scenario);
  const tabRefs = useRef<Record<string, HTMLAnchorElement | null>>({});

  const act = useMutation({
    mutationFn: async (what: Transition) => {
      if (what === 'delete') {
        await scenariosApi.remove(scenario.id);
        return null;
      }
      return scenariosApi.transition(scenario.id, what);
    },
    onSuccess: (s, what) => {
      setConfirm(null);
      qc.invalidateQueries({ queryKey: keys.scenarios });
      if (what === 'delete') {
        toast('success', t('detail.deleted'));
        navigate('/scenarios');
        return;
      }
      if (s) qc.setQueryData(keys.scenario(s.id), s);
      toast('success', t(({ start: 'detail.started', stop: 'detail.stopped', archive: 'detail.archivedDone' } as const)[what]));
    },
    onError: (e) => {
      setConfirm(null);
      toast('error', text(e));
      qc.invalidateQueries({ queryKey: keys.scenario(scenario.id) });
    },
  });

  const commands = useMemo<Command[]>(() => {
    const group = t('palette.groupThisScenario');
    const list: Command[] = TABS.map((k) => ({
      id: `tab:${k}`,
      label: `${scenario.name} › ${t(`detail.tab.${k}`)}`,
      group,
      icon: TAB_ICONS[k],
      run: () => navigate(`/scenarios/${scenario.id}/${k}`),
    }));
    if (scenario.status === 'draft') list.unshift({ id: 'start', label: `${t('detail.start')} ${scenario.name}`, group, icon: Play, run: () => act.mutate('start') });
    if (scenario.status === 'running') list.unshift({ id: 'stop', label: `${t('detail.stop')} ${scenario.name}`, group, icon: Square, run: () => setConfirm('stop') });
    if (scenario.status === 'completed') list.unshift({ id: 'archive', label: `${t('detail.archive')} ${scenario.name}`, group, icon: Archive, run: () => setConfirm('archive') });
    if (scenario.status !== 'archived') list.push({ id: 'edit', label: `${t('common.edit')} ${scenario.name}`, group, icon: Pencil, run: () => setEditing(true) });
    return list;
  }, [scenario.id, scenario.name, scenario.status, t, navigate]);
  usePageCommands('scenario-detail', commands);

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next >= 0) {
      e.preventDefault();
      navigate(`/scenarios/${scenario.id}/${TABS[next]}`, { replace: true });
      tabRefs.current[TABS[next]!]?.focus();
    }
  };

  const m = metrics.data;
  const priceError = metrics.error instanceof ApiError && metrics.error.code === 'price-not-found' ? metrics.error : null;
  const live = scenario.status === 'running';

  return (
    <div>
      <nav aria-label={t('nav.breadcrumb')} className="mb-3 flex items-center gap-1.5 text-sm text-muted">
        <Link to="/scenarios" className="hover:text-fg hover:underline">
          {t('nav.scenarios')}
        </Link>
        <ChevronRight className="size-3.5" aria-hidden />
        <span aria-current="page" className="truncate text-fg">
          {scenario.name}
        </span>
      </nav>

      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-[24px] font-semibold tracking-tight text-fg">{scenario.name}</h1>
            <StatusBadge status={scenario.status} />
            <Badge className="font-mono">{scenario.region}</Badge>
            {scenario.tags.map((tag) => (
              <Badge key={tag} tone="accent">
                {tag}
              </Badge>
            ))}
          </div>
          {scenario.description && <p className="mt-1.5 max-w-3xl text-sm text-muted">{scenario.description}</p>}
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-[13px] text-muted">
            <span>{t('detail.created', { date: dateTime(scenario.created_at) })}</span>
            {scenario.started_at && <span>{t('detail.startedAt', { date: dateTime(scenario.started_at) })}</span>}
            {scenario.completed_at && <span>{t('detail.completedAt', { date: dateTime(scenario.completed_at) })}</span>}
            {live && metrics.dataUpdatedAt > 0 && (
              <span className="inline-flex items-center gap-1.5 font-medium text-success" title={t('detail.liveHint')}>
                <span className="live-dot size-2 rounded-full bg-success" aria-hidden />
                {t('common.live')} · {t('common.updated', { time: relative(new Date(metrics.dataUpdatedAt).toISOString()) })}
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {scenario.status !== 'archived' && (
            <Button icon={<Pencil className="size-4" aria-hidden />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
          {scenario.status === 'draft' && (
            <Button variant="primary" icon={<Play className="size-4" aria-hidden />} loading={act.isPending && act.variables === 'start'} onClick={() => act.mutate('start')}>
              {t('detail.start')}
            </Button>
          )}
          {scenario.status === 'running' && (
            <Button variant="primary" icon={<Square className="size-4" aria-hidden />} onClick={() => setConfirm('stop')}>
              {t('detail.stop')}
            </Button>
          )}
          {scenario.status === 'completed' && (
            <Button icon={<Archive className="size-4" aria-hidden />} onClick={() => setConfirm('archive')}>
              {t('detail.archive')}
            </Button>
          )}
          {scenario.status !== 'running' && (
            <Button variant="ghost" aria-label={t('detail.delete')} title={t('detail.delete')} onClick={() => setConfirm('delete')}>
              <Trash2 className="size-4 text-danger" aria-hidden />
            </Button>
          )}
        </div>
      </header>

      {priceError && (
        <div className="mb-5">
          <Alert tone="warning" title={t('detail.priceMissingTitle')}>
            {text(priceError)}
          </Alert>
        </div>
      )}

      <StatsGrid metrics={m} loading={metrics.isPending && !priceError} monthly={projection.data?.projected_summary.total_cost_usd} />

      <div role="tablist" aria-label={t('detail.tabs')} className="mt-7 flex gap-1 overflow-x-auto border-b border-line" onKeyDown={onTabKey}>
        {TABS.map((k) => {
          const Icon = TAB_ICONS[k];
          const selected = k === tab;
          return (
            <Link
              key={k}
              ref={(el) => {
                tabRefs.current[k] = el;
              }}
              to={`/scenarios/${scenario.id}/${k}`}
              replace
              role="tab"
              id={`tab-${k}`}
              aria-selected={selected}
              aria-controls={selected ? `panel-${k}` : undefined}
              tabIndex={selected ? 0 : -1}
              className={cx(
                '-mb-px flex items-center gap-2 border-b-2 px-3.5 py-2.5 text-sm font-medium whitespace-nowrap',
                selected ? 'border-accent text-accent-text' : 'border-transparent text-muted hover:border-line-strong hover:text-fg',
              )}
            >
              <Icon className="size-4" aria-hidden />
              {t(`detail.tab.${k}` as MessageKey)}
            </Link>
          );
        })}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="pt-6">
        {tab === 'overview' && <OverviewTab scenario={scenario} metrics={metrics} projection={projection} onStart={() => act.mutate('start')} />}
        {tab === 'metrics' && <MetricsTab scenario={scenario} />}
        {tab === 'analysis' && <AnalysisTab scenario={scenario} metrics={metrics} projection={projection} />}
        {tab === 'whatif' && <WhatIfTab scenario={scenario} metrics={metrics} />}
        {tab === 'ingest' && <IngestTab scenario={scenario} onStart={() => act.mutate('start')} />}
        {tab === 'reports' && <ReportsTab scenario={scenario} />}
      </div>

      <ScenarioFormDialog open={editing} onClose={() => setEditing(false)} scenario={scenario} />
      <ConfirmDialog
        open={confirm === 'stop'}
        onClose={() => setConfirm(null)}
        onConfirm={() => act.mutate('stop')}
        title={t('detail.confirmStopTitle')}
        body={t('detail.confirmStopBody')}
        confirmLabel={t('detail.stop')}
        loading={act.isPending}
      />
      <ConfirmDialog
        open={confirm === 'archive'}
        onClose={() => setConfirm(null)}
        onConfirm={() => act.mutate('archive')}
        title={t('detail.confirmArchiveTitle')}
        body={t('detail.confirmArchiveBody')}
        confirmLabel={t('detail.archive')}
        loading={act.isPending}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onClose={() => setConfirm(null)}
        onConfirm={() => act.mutate('delete')}
        title={t('detail.confirmDeleteTitle')}
        body={t('detail.confirmDeleteBody')}
        confirmLabel={t('detail.delete')}
        danger
        loading={act.isPending}
      />
    </div>
  );
}

function StatsGrid({ metrics, loading, monthly }: { metrics?: Metrics; loading: boolean; monthly?: number }) {
  const { t, usd, num, compact } = useI18n();
  const s = metrics?.summary;
  const v = (f: (x: NonNullable<typeof s>) => string) => (s ? f(s) : '—');
  return (
    <section aria-label={t('overview.breakdown')} className="grid grid-cols-2 gap-3 md:grid-cols-4">
      <StatCard testId="stat-cost" accent big className="col-span-2" label={t('stats.totalCost')} icon={<CircleDollarSign className="size-4" />} loading={loading} value={v((x) => usd(x.total_cost_usd))}
        hint={monthly !== undefined && s && s.total_requests > 0 ? t('stats.projected', { value: usd(monthly, { compact: true }) }) : undefined} />
      <StatCard testId="stat-requests" label={t('stats.totalRequests')} icon={<Activity className="size-4" />} loading={loading} value={v((x) => num(x.total_requests))} hint={t('stats.requestsHint')} />
      <StatCard testId="stat-avg" label={t('stats.avgCost')} icon={<Coins className="size-4" />} loading={loading} value={v((x) => usd(x.avg_cost_per_request))} />
      <StatCard testId="stat-sqs" label={t('stats.sqsBlocks')} icon={<Boxes className="size-4" />} loading={loading} value={v((x) => num(x.sqs_blocks))} hint={t('stats.sqsBlocksHint')} />
      <StatCard testId="stat-lambda" label={t('stats.lambdaInvocations')} icon={<Cpu className="size-4" />} loading={loading} value={v((x) => num(x.lambda_invocations))} />
      <StatCard testId="stat-tokens" label={t('stats.llmTokens')} icon={<Brain className="size-4" />} loading={loading} value={v((x) => compact(x.llm_tokens))}
        hint={s ? t('stats.tokensHint', { input: compact(s.llm_input_tokens), output: compact(s.llm_output_tokens) }) : undefined} />
      <StatCard testId="stat-pii" label={t('stats.piiViolations')} icon={<ShieldAlert className="size-4" />} loading={loading} value={v((x) => num(x.pii_violations))} hint={t('stats.piiHint')} />
    </section>
  );
}
