import { expect, test, type Page } from '@playwright/test';
import {
  createAccount, createScenario, expectNoA11yViolations, ingest, ingestKey, sampleEvents, signInByStorage, type Account,
} from './support';

/**
 * WCAG 2.1 AA, checked by axe-core on every page in both themes, plus keyboard operation: everything reachable and
 * visibly focused, the command palette and the shortcuts driven by keys alone.
 */
let account: Account;
let withTraffic: string;
let empty: string;

test.beforeAll(async ({ request }) => {
  account = await createAccount(request, 'a11y', 'Ada Lovelace');
  withTraffic = await createScenario(request, account, { name: 'Search API logs', tags: ['prod'], description: 'Access logs of the search service' });
  empty = await createScenario(request, account, { name: 'Draft pipeline' });
  const key = await ingestKey(request, account);
  await request.post(`/api/v1/scenarios/${withTraffic}/start`, { headers: { Authorization: `Bearer ${account.token}` } });
  await ingest(request, key, withTraffic, sampleEvents(400));
});

const PAGES: { path: () => string; ready: (p: Page) => Promise<void>; name: string }[] = [
  { name: 'dashboard', path: () => '/', ready: (p) => expect(p.getByTestId('kpi-spend')).not.toHaveText('') },
  { name: 'scenarios', path: () => '/scenarios', ready: (p) => expect(p.getByRole('link', { name: 'Search API logs' })).toBeVisible() },
  ...(['overview', 'metrics', 'analysis', 'whatif', 'ingest', 'reports'] as const).map((tab) => ({
    name: `scenario-${tab}`,
    path: () => `/scenarios/${withTraffic}/${tab}`,
    ready: async (p: Page) => {
      await expect(p.getByRole('tabpanel').first()).toBeVisible();
      await expect(p.getByTestId('stat-requests')).toHaveText('400');
      await p.waitForTimeout(300); // charts lay out after their container's size is known
    },
  })),
  { name: 'scenario-empty', path: () => `/scenarios/${empty}`, ready: (p) => expect(p.getByText('No traffic yet')).toBeVisible() },
  { name: 'compare', path: () => `/compare?ids=${withTraffic},${empty}`, ready: (p) => expect(p.getByTestId('compare-delta')).toBeVisible() },
  { name: 'api-keys', path: () => '/api-keys', ready: (p) => expect(p.getByTestId('api-key-row').first()).toBeVisible() },
  { name: 'pricing', path: () => '/pricing', ready: (p) => expect(p.getByText('Claude 3 Haiku').first()).toBeVisible() },
  { name: 'not-found', path: () => '/no/such/page', ready: (p) => expect(p.getByRole('heading', { name: 'Page not found' })).toBeVisible() },
];

for (const theme of ['light', 'dark'] as const) {
  for (const pg of PAGES) {
    test(`axe: ${pg.name} (${theme})`, async ({ page }, testInfo) => {
      await signInByStorage(page, account, { theme });
      await page.goto(pg.path());
      await pg.ready(page);
      await expectNoA11yViolations(page, testInfo, `${pg.name}-${theme}`);
    });
  }

  test(`axe: signed-out pages (${theme})`, async ({ page }, testInfo) => {
    await page.addInitScript((t) => localStorage.setItem('mockupaws.theme', t), theme);
    for (const path of ['/login', '/register', '/forgot-password', '/reset-password?token=abc']) {
      await page.goto(path);
      await expect(page.locator('form')).toBeVisible();
      await expectNoA11yViolations(page, testInfo, `${path}-${theme}`);
    }
  });

  test(`axe: dialogs, palette, shortcuts and tour (${theme})`, async ({ page }, testInfo) => {
    await signInByStorage(page, account, { theme, tour: true });
    await page.goto('/scenarios');
    await expect(page.getByTestId('tour')).toBeVisible();
    await expectNoA11yViolations(page, testInfo, `tour-${theme}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tour')).toBeHidden();

    await page.getByRole('button', { name: 'New scenario' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoA11yViolations(page, testInfo, `new-scenario-${theme}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.keyboard.press('Control+k');
    await expect(page.getByRole('combobox', { name: 'Command palette' })).toBeFocused();
    await expectNoA11yViolations(page, testInfo, `palette-${theme}`);
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectNoA11yViolations(page, testInfo, `shortcuts-${theme}`);
  });
}

test('keyboard: skip link, tab order with a visible focus ring, and tabs with arrow keys', async ({ page }) => {
  await signInByStorage(page, account);
  await page.goto(`/scenarios/${withTraffic}`);
  await expect(page.getByTestId('stat-requests')).toHaveText('400');

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  // every focused element draws a focus indicator
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    expect(outline.outline !== 'none' && outline.width > 0 || outline.shadow !== 'none', JSON.stringify(outline)).toBeTruthy();
  }

  // the scenario's tabs: one tab stop, arrows move between them
  await page.getByRole('tab', { name: 'Overview' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Metrics' })).toBeFocused();
  await expect(page).toHaveURL(/\/metrics$/);
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Reports' })).toBeFocused();
});

test('keyboard: the command palette reaches pages, scenarios and actions', async ({ page }) => {
  await signInByStorage(page, account);
  await page.goto('/');
  await expect(page.getByTestId('kpi-spend')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: 'Command palette' })).toBeFocused();
  await page.keyboard.type('pricing');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/pricing$/);

  await page.keyboard.press('Control+k');
  await page.keyboard.type('Search API');
  await expect(page.getByRole('option', { name: 'Search API logs' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.getByRole('option', { name: 'Search API logs' }).click();
  await expect(page).toHaveURL(new RegExp(`/scenarios/${withTraffic}$`));
  await expect(page.getByRole('heading', { name: 'Search API logs', level: 1 })).toBeVisible();

  // a page's own commands: this scenario's tabs
  await page.keyboard.press('Control+k');
  await page.keyboard.type('what-if');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/whatif$/);

  // an action: a new scenario dialog from anywhere
  await page.keyboard.press('Control+k');
  await page.keyboard.type('new scenario');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New scenario' })).toBeVisible();
  await page.keyboard.press('Escape');

  // "g" then a letter
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('g');
  await page.keyboard.press('k');
  await expect(page).toHaveURL(/\/api-keys$/);
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/\/scenarios$/);
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search scenarios' })).toBeFocused();
});

test('language and theme are switchable and remembered', async ({ page }) => {
  await signInByStorage(page, account);
  await page.goto('/scenarios');
  await page.getByLabel('Language').selectOption('it');
  await expect(page.getByRole('heading', { name: 'Scenari', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await page.getByRole('button', { name: 'Passa al tema scuro' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Scenari', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
});

test('the tour can be skipped and replayed from the user menu', async ({ page }) => {
  await signInByStorage(page, account, { tour: true });
  await page.goto('/');
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('Scenarios');
  await tour.getByRole('button', { name: 'Skip tour' }).click();
  await expect(tour).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('kpi-spend')).toBeVisible();
  await expect(tour).toBeHidden();

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('button', { name: 'Replay the tour' }).click();
  await expect(tour).toBeVisible();
  for (let i = 0; i < 4; i++) await tour.getByRole('button', { name: 'Next' }).click();
  await tour.getByRole('button', { name: 'Finish' }).click();
  await expect(tour).toBeHidden();
});
