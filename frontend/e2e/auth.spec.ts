import { expect, test } from '@playwright/test';
import { PASSWORD, createAccount, uniqueEmail } from './support';

test.describe('sign-up validates inline', () => {
  test('invalid email, weak password and mismatch are explained next to their fields', async ({ page }) => {
    await page.goto('/register');
    const email = page.getByLabel('Email', { exact: true });
    const password = page.getByLabel('Password', { exact: true });
    const confirm = page.getByLabel('Confirm password');

    await email.fill('not-an-email');
    await email.blur();
    await expect(page.getByText('Enter a valid email address')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');

    await password.fill('short');
    await password.blur();
    await expect(page.getByText('The password is too weak: use at least 10 characters.')).toBeVisible();
    await expect(page.getByText('Too weak', { exact: true })).toBeVisible();

    await password.fill('a long enough passphrase');
    await confirm.fill('a different passphrase');
    await confirm.blur();
    await expect(page.getByText('The passwords do not match.')).toBeVisible();

    // submitting with errors sends nothing and focuses the first field in error
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(email).toBeFocused();
    await expect(page).toHaveURL(/\/register$/);
  });

  test('a common password is refused by the server, shown on its field', async ({ page }) => {
    await page.goto('/register');
    await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('common'));
    await page.getByLabel('Password', { exact: true }).fill('password123');
    await page.getByLabel('Confirm password').fill('password123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('it is one of the most common passwords')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  test('a taken email is shown on the email field, in Italian too', async ({ page, request }) => {
    const existing = await createAccount(request, 'taken');
    await page.goto('/register');
    await page.getByLabel('Language').selectOption('it');
    await page.getByLabel('Email', { exact: true }).fill(existing.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Conferma la password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Crea l’account' }).click();
    await expect(page.getByText('Esiste già un account con questa email.')).toBeVisible();
    await expect(page.getByLabel('Email', { exact: true })).toBeFocused();
  });
});

test('sign-in: wrong password, then the protected page asked for first', async ({ page, request }) => {
  const a = await createAccount(request, 'signin');
  await page.goto('/pricing');
  await expect(page).toHaveURL(/\/login\?next=%2Fpricing$/);
  await page.getByLabel('Email').fill(a.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is wrong.');

  await page.getByLabel('Password').fill(a.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  await expect(page.getByRole('heading', { name: 'Price book' })).toBeVisible();
});

test('forgot and reset password', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(uniqueEmail('forgot'));
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();

  await page.getByRole('link', { name: 'I have a reset token' }).click();
  await page.getByLabel('Reset token').fill('rst_not-a-real-token');
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText('invalid, used or expired');
});

test('a session ended on the server signs the browser out', async ({ page, request }) => {
  const a = await createAccount(request, 'ended');
  await page.goto('/login');
  await page.getByLabel('Email').fill(a.email);
  await page.getByLabel('Password').fill(a.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('tour').getByRole('button', { name: 'Skip tour' }).click();
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('mockupaws.session')!).accessToken as string);
  // the user logs out elsewhere: this session's tokens stop working at once
  expect((await request.post('/api/v1/auth/logout', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(204);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pricing' }).click();
  await expect(page).toHaveURL(/\/login/);
});
