import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'a quiet harbour at dawn 42';

let counter = 0;
export function uniqueEmail(tag: string): string {
  counter++;
  return `${tag}-${Date.now().toString(36)}-${counter}@e2e.example.com`;
}

export interface Account {
  email: string;
  password: string;
  token: string;
  refresh: string;
  user: { id: string; email: string; full_name: string | null; role: string };
  expiresIn: number;
}

/** A user made through the API (the UI sign-up is covered by its own tests). */
export async function createAccount(request: APIRequestContext, tag: string, fullName = 'Dana Reyes'): Promise<Account> {
  const email = uniqueEmail(tag);
  const reg = await request.post('/api/v1/auth/register', { data: { email, password: PASSWORD, full_name: fullName } });
  expect(reg.status(), await reg.text()).toBe(201);
  return login(request, email, PASSWORD);
}

export async function login(request: APIRequestContext, email: string, password: string): Promise<Account> {
  const res = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  return { email, password, token: body.access_token, refresh: body.refresh_token, user: body.user, expiresIn: body.expires_in };
}

/** Opens the app already signed in as the account (the session the sign-in page would store), tour done. */
export async function signInByStorage(page: Page, a: Account, opts: { locale?: 'en' | 'it'; theme?: 'light' | 'dark'; tour?: boolean } = {}) {
  const session = { accessToken: a.token, refreshToken: a.refresh, expiresAt: Date.now() + a.expiresIn * 1000, user: a.user };
  await page.addInitScript(
    ([s, locale, theme, tour, userId]) => {
      if (sessionStorage.getItem('e2e-init')) return; // only before the first load: later reloads keep what the app stored
      sessionStorage.setItem('e2e-init', '1');
      localStorage.setItem('mockupaws.session', s as string);
      if (locale) localStorage.setItem('mockupaws.locale', locale as string);
      if (theme) localStorage.setItem('mockupaws.theme', theme as string);
      if (!tour) localStorage.setItem(`mockupaws.tour.${userId}`, 'done');
    },
    [JSON.stringify(session), opts.locale ?? 'en', opts.theme ?? 'light', opts.tour ?? false, a.user.id] as const,
  );
}

export function authed(request: APIRequestContext, a: Account) {
  const headers = { Authorization: `Bearer ${a.token}` };
  return {
    get: (path: string) => request.get(path, { headers }),
    post: (path: string, data?: unknown) => request.post(path, { headers, data }),
  };
}

export async function createScenario(request: APIRequestContext, a: Account, body: Record<string, unknown>): Promise<string> {
  const res = await authed(request, a).post('/api/v1/scenarios', body);
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

export async function ingestKey(request: APIRequestContext, a: Account, scopes = ['ingest']): Promise<string> {
  const res = await authed(request, a).post('/api/v1/api-keys', { name: `e2e ${scopes.join(' ')}`, scopes });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).key;
}

/** Log lines like a checkout service's: some carry an email address or a card number (PII). */
export function sampleEvents(n: number, sourceCount = 3): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const pii = i % 4 === 0 ? ` customer=user${i}@shop.example` : i % 7 === 0 ? ' card=4111 1111 1111 1111' : '';
    lines.push(
      JSON.stringify({
        message: `POST /checkout order=${10_000 + i} items=${(i % 5) + 1} total=${(i * 3.7).toFixed(2)} status=200 latency_ms=${40 + (i % 90)}${pii}`,
        source: `checkout-${i % sourceCount}`,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

export async function ingest(request: APIRequestContext, key: string, scenarioId: string, ndjson: string) {
  const res = await request.post('/ingest', {
    headers: { 'X-API-Key': key, 'X-Scenario-ID': scenarioId, 'Content-Type': 'application/x-ndjson' },
    data: ndjson,
  });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** axe-core on the page as it is: WCAG 2.1 A and AA rules; any violation fails with its description. */
export async function expectNoA11yViolations(page: Page, testInfo: TestInfo, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' — ' + n.failureSummary?.split('\n')[1]).join('\n  ')}`,
  );
  if (summary.length) await testInfo.attach(`axe-${label}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  expect(summary, `accessibility violations on ${label}`).toEqual([]);
}

/** Text of the app in both languages, for steps that click by visible name. */
export const L = {
  en: {
    skipTour: 'Skip tour', newScenario: 'New scenario', create: 'Create', start: 'Start', running: 'Running',
    ingestTab: 'Ingest', createIngestKey: 'Create an ingest key', sendTest: 'Send a test event', overview: 'Overview',
    metrics: 'Metrics', analysis: 'Analysis', whatIf: 'What-if', reports: 'Reports', compare: 'Compare',
    compareTitle: 'Compare scenarios', apiKeys: 'API keys', createKey: 'Create API key', copied: 'I have copied it',
    rotate: 'Rotate', revoke: 'Revoke', revoked: 'Revoked', signOut: 'Sign out', accountMenu: 'Account menu',
    signIn: 'Sign in', showTable: 'Show as table', email: 'Email addresses', notAvailable: 'Not available on this server yet',
    generate: 'Generate report', ready: 'Ready', download: 'Download', scenarios: 'Scenarios', dashboard: 'Dashboard',
    name: 'Name', fullName: 'Full name', emailField: 'Email', password: 'Password', confirm: 'Confirm password',
    createAccount: 'Create account', model: 'Model', saves: 'saves', live: 'Live', pricing: 'Pricing',
  },
  it: {
    skipTour: 'Salta la guida', newScenario: 'Nuovo scenario', create: 'Crea', start: 'Avvia', running: 'In esecuzione',
    ingestTab: 'Invio log', createIngestKey: 'Crea una chiave ingest', sendTest: 'Invia un evento di prova',
    overview: 'Panoramica', metrics: 'Metriche', analysis: 'Analisi', whatIf: 'E se…', reports: 'Report',
    compare: 'Confronta', compareTitle: 'Confronta scenari', apiKeys: 'Chiavi API', createKey: 'Crea una chiave API',
    copied: 'L’ho copiata', rotate: 'Ruota', revoke: 'Revoca', revoked: 'Revocata', signOut: 'Esci',
    accountMenu: 'Menu dell’account', signIn: 'Accedi', showTable: 'Mostra come tabella', email: 'Indirizzi email',
    notAvailable: 'Non ancora disponibile su questo server', generate: 'Genera un report', ready: 'Pronto',
    download: 'Scarica', scenarios: 'Scenari', dashboard: 'Cruscotto', name: 'Nome', fullName: 'Nome e cognome',
    emailField: 'Email', password: 'Password', confirm: 'Conferma la password', createAccount: 'Crea l’account',
    model: 'Modello', saves: 'risparmia', live: 'In diretta', pricing: 'Prezzi',
  },
} as const;
