import { expect, test } from '@playwright/test';
import { L, PASSWORD, expectNoA11yViolations, ingest, sampleEvents, uniqueEmail } from './support';

/**
 * The whole journey a new user takes, through the UI, in each language: sign up → create a scenario → start it →
 * send traffic through the ingest API → watch the numbers arrive → what-if → compare → report → API key lifecycle
 * → sign out.
 */
for (const locale of ['en', 'it'] as const) {
  test(`the journey of a new user (${locale})`, async ({ page, request, baseURL }, testInfo) => {
    const tx = L[locale];
    const email = uniqueEmail(`journey-${locale}`);

    // --- sign up, in the chosen language ---
    await page.goto('/register');
    if (locale === 'it') await page.getByLabel('Language').selectOption('it');
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.getByLabel(tx.fullName).fill('Giulia Conti');
    await page.getByLabel(tx.emailField, { exact: true }).fill(email);
    await page.getByLabel(tx.password, { exact: true }).fill(PASSWORD);
    await page.getByLabel(tx.confirm).fill(PASSWORD);
    await page.getByRole('button', { name: tx.createAccount }).click();

    // signed in on the dashboard, with the first-run tour offered
    await expect(page).toHaveURL(/\/$/);
    const tour = page.getByTestId('tour');
    await expect(tour).toBeVisible();
    await tour.getByRole('button', { name: tx.skipTour }).click();
    await expect(tour).toBeHidden();
    await expectNoA11yViolations(page, testInfo, `dashboard-empty-${locale}`);

    // --- create a scenario with the pipeline form ---
    await page.getByRole('navigation', { name: locale === 'en' ? 'Main' : 'Principale' }).getByRole('link', { name: tx.scenarios }).click();
    await page.getByRole('button', { name: tx.newScenario }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(tx.name, { exact: true }).fill(`Checkout ${locale}`);
    await dialog.locator('#scenario-tags').fill('prod, e2e');
    await dialog.locator('#scenario-memory').fill('512');
    await dialog.locator('#scenario-batch').fill('10');
    await expectNoA11yViolations(page, testInfo, `scenario-form-${locale}`);
    await dialog.getByRole('button', { name: tx.create, exact: true }).click();
    await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}$/);
    const scenarioId = page.url().split('/').pop()!;

    // --- start it ---
    await page.getByRole('button', { name: tx.start, exact: true }).first().click(); // the header's (the empty overview offers one too)
    await expect(page.getByText(tx.running, { exact: true }).first()).toBeVisible();

    // --- ingest: a key made on the Ingest tab, then traffic through the real ingest API ---
    await page.getByRole('tab', { name: tx.ingestTab }).click();
    await expect(page.getByTestId('ingest-endpoint')).toHaveText(`${baseURL}/ingest`);
    await page.getByRole('button', { name: tx.createIngestKey }).click();
    const key = (await page.getByTestId('issued-key').textContent())!.trim();
    expect(key).toMatch(/^mk_[0-9A-Za-z]{43}$/);
    await expect(page.getByText(`X-API-Key: ${key}`)).toBeVisible(); // the snippets carry the new key
    await page.getByRole('button', { name: tx.sendTest }).click();
    await ingest(request, key, scenarioId, sampleEvents(6000));
    await ingest(request, key, scenarioId, sampleEvents(6000));

    // --- the numbers arrive while the page is open (live polling), formatted for the locale ---
    const requests = page.getByTestId('stat-requests');
    await expect(requests).toHaveText(locale === 'en' ? '12,001' : '12.001', { timeout: 20_000 });
    await expect(page.getByTestId('stat-cost')).toHaveText(locale === 'en' ? /^\$0\.\d+$/ : /^0,\d+\s?USD$/);
    await expect(page.getByText(tx.live).first()).toBeVisible();

    await page.getByRole('tab', { name: tx.overview }).click();
    await expect(page.getByTestId('projected-month')).not.toHaveText('');
    await page.getByRole('button', { name: tx.showTable }).first().click();
    await expect(page.getByRole('table').first()).toBeVisible();
    await expectNoA11yViolations(page, testInfo, `scenario-overview-${locale}`);

    await page.getByRole('tab', { name: tx.metrics }).click();
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    await page.getByRole('tab', { name: tx.analysis }).click();
    await expect(page.getByText(tx.email).first()).toBeVisible();

    // --- what-if: another model re-prices the same traffic ---
    await page.getByRole('tab', { name: tx.whatIf }).click();
    const whatIfTotal = page.getByTestId('whatif-total');
    await expect(whatIfTotal).not.toHaveText('…');
    const before = await whatIfTotal.textContent();
    await page.locator('#whatif-model').selectOption('amazon.nova-micro-v1:0');
    await expect(whatIfTotal).not.toHaveText(before!);
    await expect(page.getByText(tx.saves)).toBeVisible();
    await expectNoA11yViolations(page, testInfo, `whatif-${locale}`);

    // --- compare with a second scenario ---
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('mockupaws.session')!).accessToken as string);
    const second = await request.post('/api/v1/scenarios', {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: `Checkout arm64 ${locale}`, pipeline: { lambda: { architecture: 'arm64', memory_mb: 256, batch_size: 25 } } },
    });
    const secondId = (await second.json()).id as string;
    await request.post(`/api/v1/scenarios/${secondId}/start`, { headers: { Authorization: `Bearer ${token}` } });
    await ingest(request, key, secondId, sampleEvents(600));
    await page.getByRole('link', { name: tx.compare }).click();
    await expect(page.getByRole('heading', { name: tx.compareTitle })).toBeVisible();
    await page.getByRole('checkbox').nth(0).check();
    await page.getByRole('checkbox').nth(1).check();
    await expect(page.getByTestId('compare-delta')).toHaveCount(1);
    await expect(page.locator('table').first()).toContainText(`Checkout ${locale}`);
    await expectNoA11yViolations(page, testInfo, `compare-${locale}`);

    // --- report: generate and download (or, on a server without the reports API yet, say so) ---
    await page.goto(`/scenarios/${scenarioId}/reports`);
    const unavailable = page.getByText(tx.notAvailable);
    const generate = page.getByRole('button', { name: tx.generate });
    await expect(unavailable.or(generate)).toBeVisible();
    if (await generate.isVisible()) {
      await generate.click();
      const row = page.getByTestId('report-row').first();
      await expect(row).toContainText(tx.ready, { timeout: 60_000 });
      const downloading = page.waitForEvent('download');
      await row.getByRole('button', { name: tx.download }).click();
      const file = await downloading;
      expect(file.suggestedFilename()).toMatch(/\.pdf$/);
      expect((await file.createReadStream()).readableLength >= 0).toBeTruthy();
    }

    // --- API key lifecycle: create (shown once), use, rotate (old one dies), revoke ---
    await page.getByRole('link', { name: tx.apiKeys }).click();
    await page.getByRole('button', { name: tx.createKey }).first().click();
    const keyDialog = page.getByRole('dialog');
    await keyDialog.locator('#key-name').fill('ci reader');
    await keyDialog.getByRole('checkbox', { name: /scenarios:read/ }).check();
    await keyDialog.getByRole('button', { name: tx.create, exact: true }).click();
    const shown = page.getByTestId('new-api-key');
    const readKey = (await shown.textContent())!.trim();
    expect(readKey).toMatch(/^mk_/);
    await page.getByRole('button', { name: tx.copied }).click();
    await expect(shown).toBeHidden();
    const asKey = (k: string) => request.get('/api/v1/scenarios', { headers: { 'X-API-Key': k } });
    expect((await asKey(readKey)).status()).toBe(200);

    const row = page.getByTestId('api-key-row').filter({ hasText: 'ci reader' });
    await row.getByRole('button', { name: new RegExp(tx.rotate) }).click();
    await page.getByRole('dialog').getByRole('button', { name: tx.rotate, exact: true }).click();
    const rotated = (await page.getByTestId('new-api-key').textContent())!.trim();
    expect(rotated).not.toBe(readKey);
    await page.getByRole('button', { name: tx.copied }).click();
    expect((await asKey(readKey)).status()).toBe(401);
    expect((await asKey(rotated)).status()).toBe(200);

    await row.getByRole('button', { name: new RegExp(tx.revoke) }).click();
    await page.getByRole('dialog').getByRole('button', { name: tx.revoke, exact: true }).click();
    await expect(row.getByText(tx.revoked)).toBeVisible();
    expect((await asKey(rotated)).status()).toBe(401);
    await expectNoA11yViolations(page, testInfo, `api-keys-${locale}`);

    // --- sign out: back to sign-in, and the app is closed again ---
    await page.getByRole('button', { name: tx.accountMenu }).click();
    await page.getByRole('button', { name: tx.signOut }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/scenarios');
    await expect(page).toHaveURL(/\/login\?next=%2Fscenarios/);
    await expect(page.getByRole('heading', { name: tx.signIn })).toBeVisible();
  });
}
