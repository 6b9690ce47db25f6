import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { authed, ingest, login, sampleEvents, signInByStorage, type Account } from './support';

/**
 * The screenshots of docs/screenshots (npm run screenshots). A demo workspace is built through the API, then
 * given two weeks of history: ingest stamps events with the time they arrive, so past traffic is written straight
 * into the per-minute aggregates (scenario_metrics) — the same rows ingest writes, minute by minute.
 */
const OUT = new URL('../../docs/screenshots/', import.meta.url).pathname;
const dataDir = process.env.SHOTS_DATA_DIR!;

interface Demo {
  name: string;
  description: string;
  tags: string[];
  pipeline: Record<string, unknown>;
  /** final state */
  status: 'draft' | 'running' | 'completed' | 'archived';
  /** history: days of traffic ending `endDaysAgo` days ago, events per hour at the start, daily growth, PII share */
  days?: number;
  endDaysAgo?: number;
  perHour?: number;
  growth?: number;
  pii?: number;
  bytes?: number;
  tokens?: number;
  sources?: [string, number][];
}

const DEMOS: Demo[] = [
  {
    name: 'Checkout service · production',
    description: 'Order, payment and fulfilment logs of the checkout API, shipped by Fluent Bit from the EKS cluster.',
    tags: ['prod', 'payments'],
    pipeline: { lambda: { memory_mb: 512, batch_size: 10, duration_ms: 120 }, bedrock: { output_tokens_per_invocation: 150 } },
    status: 'running', days: 14, endDaysAgo: 0, perHour: 2600, growth: 0.045, pii: 0.18, bytes: 340, tokens: 86,
    sources: [['checkout-api', 0.52], ['payments-worker', 0.31], ['edge-nginx', 0.17]],
  },
  {
    name: 'Search API access logs',
    description: 'Query logs summarised by Nova Micro on Graviton, in batches of 50.',
    tags: ['prod', 'search'],
    pipeline: { lambda: { architecture: 'arm64', memory_mb: 256, batch_size: 50 }, bedrock: { model_id: 'amazon.nova-micro-v1:0', output_tokens_per_invocation: 80 }, sqs: { send_batch_size: 10 } },
    status: 'running', days: 10, endDaysAgo: 0, perHour: 5200, growth: 0.02, pii: 0.04, bytes: 260, tokens: 64,
    sources: [['search-api', 0.7], ['autocomplete', 0.3]],
  },
  {
    name: 'Fraud signals · Sonnet trial',
    description: 'Would Claude 3.5 Sonnet be worth it for fraud triage? A week of real signals.',
    tags: ['experiment', 'payments'],
    pipeline: { lambda: { memory_mb: 1024, batch_size: 5 }, bedrock: { model_id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', output_tokens_per_invocation: 300 } },
    status: 'completed', days: 6, endDaysAgo: 2, perHour: 420, growth: 0.01, pii: 0.42, bytes: 520, tokens: 140,
    sources: [['fraud-scorer', 1]],
  },
  {
    name: 'Mobile telemetry · staging',
    description: 'Crash and performance events from the staging apps.',
    tags: ['staging', 'mobile'],
    pipeline: { lambda: { memory_mb: 256, batch_size: 25 }, bedrock: { model_id: 'meta.llama3-8b-instruct-v1:0', output_tokens_per_invocation: 60 } },
    status: 'completed', days: 8, endDaysAgo: 3, perHour: 1400, growth: -0.01, pii: 0.09, bytes: 410, tokens: 98,
    sources: [['ios', 0.55], ['android', 0.45]],
  },
  {
    name: 'Audit trail · 2025 archive',
    description: 'Last year’s audit events, kept for reference.',
    tags: ['compliance'],
    pipeline: { bedrock: { model_id: 'amazon.nova-lite-v1:0' }, free_tier: true },
    status: 'archived', days: 4, endDaysAgo: 9, perHour: 300, growth: 0, pii: 0.3, bytes: 300, tokens: 75,
    sources: [['auditd', 1]],
  },
  {
    name: 'Support ticket triage',
    description: 'Planned: classify inbound tickets before they reach an agent.',
    tags: ['planned'],
    pipeline: { bedrock: { model_id: 'anthropic.claude-3-5-haiku-20241022-v1:0' } },
    status: 'draft',
  },
];

function psql(sql: string) {
  const port = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
  const password = readFileSync(join(dataDir, 'pg-superuser-password'), 'utf8').trim();
  execFileSync('psql', ['-h', '127.0.0.1', '-p', port, '-U', 'postgres', '-d', 'mockupaws', '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], {
    env: { ...process.env, PGPASSWORD: password },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function backdate(id: string, d: Demo) {
  const end = `date_trunc('hour', now()) - interval '${d.endDaysAgo! * 24 + 1} hours'`;
  const start = `${end} - interval '${d.days} days'`;
  const piiShare = d.pii!;
  psql(`
    SELECT setseed(0.${id.replace(/\D/g, '').slice(0, 6)});
    INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests, input_tokens,
                                  chars, pii_events, pii_email, pii_payment_card, pii_phone, pii_ipv4, pii_jwt)
    SELECT '${id}', m, 7, e, e * ${d.bytes}, e, ARRAY(SELECT ceil(e::numeric / k)::bigint FROM generate_series(1, 10) k),
           e * ${d.tokens}, e * ${d.bytes}, p, ceil(p * 0.62), ceil(p * 0.18), ceil(p * 0.21), ceil(p * 0.33), ceil(p * 0.04)
    FROM (SELECT m, greatest(1, round(${d.perHour! / 6}
                 * (1 + ${d.growth} * extract(epoch FROM m - (${start})) / 86400)
                 * (0.72 + 0.42 * sin(2 * pi() * (extract(hour FROM m) - 9) / 24))
                 * (0.88 + random() * 0.24)))::bigint AS e
          FROM generate_series(${start}, ${end}, interval '10 minutes') m) x,
         LATERAL (SELECT round(e * ${piiShare} * (0.8 + random() * 0.4))::bigint AS p) y;
    INSERT INTO scenario_source_stats (scenario_id, source, shard, events, bytes, sqs_blocks, input_tokens, pii_events)
    SELECT '${id}', src, 7, round(sum(events) * w), round(sum(bytes) * w), round(sum(sqs_blocks) * w),
           round(sum(input_tokens) * w), round(sum(pii_events) * w)
    FROM scenario_metrics, (VALUES ${d.sources!.map(([s, w]) => `('${s}', ${w})`).join(', ')}) v(src, w)
    WHERE scenario_id = '${id}' AND shard = 7 GROUP BY src, w;
    -- the hourly rollup recomputes these hours from the new minutes
    DELETE FROM scenario_metrics_hourly WHERE scenario_id = '${id}';
    DELETE FROM scenario_metrics_rollup WHERE scenario_id = '${id}';
    UPDATE scenarios SET created_at = ${start} - interval '1 day', started_at = ${start},
           completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE ${end} + interval '1 hour' END,
           archived_at = CASE WHEN archived_at IS NULL THEN NULL ELSE ${end} + interval '2 days' END,
           updated_at = now() - interval '${d.endDaysAgo! * 24 + (d.status === 'running' ? 0 : 5)} hours'
    WHERE id = '${id}';`);
}

let admin: Account;
const ids: Record<string, string> = {};

test.beforeAll(async ({ request }) => {
  mkdirSync(OUT, { recursive: true });
  admin = await login(request, process.env.SHOTS_ADMIN_EMAIL!, process.env.SHOTS_ADMIN_PASSWORD!);
  const api = authed(request, admin);
  // already seeded (a reused server): just find the scenarios again
  const existing = (await (await api.get('/api/v1/scenarios?page_size=100')).json()).items as { id: string; name: string }[];
  if (existing.length) {
    for (const s of existing) ids[s.name] = s.id;
    return;
  }
  const keyRes = await api.post('/api/v1/api-keys', { name: 'fluent-bit · eks-prod', scopes: ['ingest'] });
  const key = (await keyRes.json()).key as string;
  await api.post('/api/v1/api-keys', { name: 'grafana reader', scopes: ['scenarios:read', 'reports'] });
  await api.post('/api/v1/api-keys', { name: 'otel-collector · staging', scopes: ['ingest'], events_per_second: 500 });
  for (const d of DEMOS) {
    const res = await api.post('/api/v1/scenarios', { name: d.name, description: d.description, tags: d.tags, pipeline: d.pipeline });
    expect(res.status(), await res.text()).toBe(201);
    const id = (await res.json()).id as string;
    ids[d.name] = id;
    if (d.status === 'draft') continue;
    await api.post(`/api/v1/scenarios/${id}/start`);
    // live traffic only where it is still arriving; the others' history ends days ago
    if (d.status === 'running') await ingest(request, key, id, sampleEvents(900, d.sources!.length));
    if (d.status !== 'running') await api.post(`/api/v1/scenarios/${id}/stop`);
    if (d.status === 'archived') await api.post(`/api/v1/scenarios/${id}/archive`);
    backdate(id, d);
  }
});

async function open(page: Page, path: string, opts: { theme?: 'light' | 'dark'; locale?: 'en' | 'it'; tour?: boolean } = {}) {
  await signInByStorage(page, admin, opts);
  await page.goto(path);
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  // no hover tooltip and no half-scrolled page in the picture (dialogs keep their focus)
  await page.mouse.move(1, 899);
  if (fullPage) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
}

const checkout = () => ids['Checkout service · production']!;

test('screenshots', async ({ browser, baseURL }) => {
  const page = async () => (await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })).newPage();

  let p = await page();
  await p.goto('/login');
  await shot(p, 'login');

  p = await page();
  await p.goto('/register');
  await p.getByLabel('Email', { exact: true }).fill('dana@northwind');
  await p.getByLabel('Password', { exact: true }).fill('short');
  await p.getByLabel('Confirm password').fill('shorter');
  await p.getByRole('button', { name: 'Create account' }).click();
  await shot(p, 'register-validation');

  for (const [theme, locale, name] of [['light', 'en', 'dashboard'], ['dark', 'en', 'dashboard-dark'], ['light', 'it', 'dashboard-it']] as const) {
    p = await page();
    await open(p, '/', { theme, locale });
    await expect(p.getByTestId('kpi-spend')).toHaveText(/\d/);
    await expect(p.locator('.recharts-surface').first()).toBeVisible();
    await shot(p, name, name === 'dashboard');
  }

  p = await page();
  await open(p, '/scenarios');
  await expect(p.getByRole('link', { name: 'Support ticket triage' })).toBeVisible();
  await shot(p, 'scenarios');
  await p.getByRole('button', { name: 'New scenario' }).click();
  await p.locator('#scenario-name').fill('Payments webhooks');
  await shot(p, 'scenario-form');

  for (const tab of ['overview', 'metrics', 'analysis', 'ingest', 'reports'] as const) {
    p = await page();
    await open(p, `/scenarios/${checkout()}/${tab}`);
    await expect(p.getByTestId('stat-requests')).not.toHaveText('—');
    if (tab === 'metrics') await p.getByText('Hour', { exact: true }).click();
    await shot(p, `scenario-${tab}`, tab !== 'ingest');
  }
  p = await page();
  await open(p, `/scenarios/${checkout()}/overview`, { theme: 'dark' });
  await expect(p.getByTestId('stat-requests')).not.toHaveText('—');
  await shot(p, 'scenario-overview-dark');

  p = await page();
  await open(p, `/scenarios/${checkout()}/whatif`);
  await expect(p.getByTestId('whatif-total')).not.toHaveText('…');
  await p.locator('#whatif-model').selectOption('amazon.nova-lite-v1:0');
  await p.locator('#whatif-arch').selectOption('arm64');
  await p.locator('#whatif-batch').fill('25');
  await expect(p.getByText(/saves/)).toBeVisible();
  await shot(p, 'scenario-whatif', true);

  p = await page();
  await open(p, `/compare?ids=${checkout()},${ids['Search API access logs']},${ids['Fraud signals · Sonnet trial']}`);
  await expect(p.getByTestId('compare-delta').first()).toBeVisible();
  await shot(p, 'compare', true);

  p = await page();
  await open(p, '/api-keys');
  await expect(p.getByTestId('api-key-row').first()).toBeVisible();
  await shot(p, 'api-keys');
  await p.getByRole('button', { name: 'Create API key' }).first().click();
  await p.locator('#key-name').fill('logstash · eu-west');
  await p.getByRole('dialog').getByRole('button', { name: 'Create', exact: true }).click();
  await expect(p.getByTestId('new-api-key')).toBeVisible();
  await shot(p, 'api-key-created');

  p = await page();
  await open(p, '/pricing');
  await expect(p.getByText('Claude 3 Haiku').first()).toBeVisible();
  await shot(p, 'pricing');

  p = await page();
  await open(p, '/admin/audit');
  await expect(p.getByRole('cell').first()).toBeVisible();
  await shot(p, 'admin-audit');

  p = await page();
  await open(p, `/scenarios/${checkout()}`);
  await expect(p.getByTestId('stat-requests')).not.toHaveText('—');
  await p.keyboard.press('Control+k');
  await p.keyboard.type('che');
  await shot(p, 'command-palette');
  await p.keyboard.press('Escape');
  await p.keyboard.press('?');
  await shot(p, 'shortcuts');

  p = await page();
  await open(p, '/', { tour: true });
  await p.getByTestId('tour').getByRole('button', { name: 'Next' }).click();
  await shot(p, 'tour');
});
