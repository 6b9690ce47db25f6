import { expect, test } from '@playwright/test';
import { createAccount, expectNoA11yViolations, login, signInByStorage } from './support';

// The first administrator is made with the CLI (`users create --role admin`), as an operator would:
// WebDashboardE2EIT does so before running this suite and passes the credentials here.
const ADMIN_EMAIL = process.env.ADMIN_EMAIL;
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;

test('administrators see the audit log, slow queries, archive and backups', async ({ page, request }, testInfo) => {
  expect(ADMIN_EMAIL, 'ADMIN_EMAIL/ADMIN_PASSWORD: an account made with `users create --role admin`').toBeTruthy();
  const admin = await login(request, ADMIN_EMAIL!, ADMIN_PASSWORD!);
  expect(admin.user.role).toBe('admin');
  await signInByStorage(page, admin);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();

  // the audit log holds the sign-in that just happened
  await expect(page.getByRole('cell', { name: 'auth.login' }).first()).toBeVisible();
  await page.getByLabel('Outcome').selectOption('failure');
  await expect(page.getByRole('cell', { name: 'auth.login' }).first().or(page.getByText('No audit entries match.'))).toBeVisible();
  await expectNoA11yViolations(page, testInfo, 'admin-audit');

  for (const [tab, expected] of [
    ['Slow queries', 'Slow statements'],
    ['Archive', 'Archive statistics'],
    ['Backups', 'Backup runs'],
    ['Jobs and cache', 'Jobs'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('heading', { name: expected, exact: true })).toBeVisible();
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    await expectNoA11yViolations(page, testInfo, `admin-${tab}`);
  }
});

test('a member sees no admin page', async ({ page, request }) => {
  const member = await createAccount(request, 'member');
  await signInByStorage(page, member);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
