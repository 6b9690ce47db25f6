import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import RegisterPage from './RegisterPage';
import { answers, renderApp } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

describe('sign-up form', () => {
  it('explains an invalid email, a weak password and a mismatch inline, and sends nothing', async () => {
    const { fetchStub, calls } = answers();
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderApp(<RegisterPage />, { route: '/register' });

    const email = screen.getByLabelText('Email');
    await user.type(email, 'not-an-email');
    await user.tab();
    expect(screen.getByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email.getAttribute('aria-describedby')).toContain('error');

    await user.type(screen.getByLabelText('Password'), 'short');
    await user.tab();
    expect(screen.getByText('The password is too weak: use at least 10 characters.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Confirm password'), 'other');
    await user.tab();
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(email).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  it('puts the server’s answer on the field it is about: a taken email, in Italian', async () => {
    const { fetchStub, calls } = answers({
      status: 409,
      body: { status: 409, code: 'email-taken', field: 'email', detail: 'An account with this email already exists' },
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderApp(<RegisterPage />, { route: '/register', locale: 'it' });

    await user.type(screen.getByLabelText('Email'), 'taken@example.com');
    await user.type(screen.getByLabelText('Password'), 'a long passphrase');
    await user.type(screen.getByLabelText('Conferma la password'), 'a long passphrase');
    await user.click(screen.getByRole('button', { name: 'Crea l’account' }));

    await waitFor(() => expect(screen.getByText('Esiste già un account con questa email. Vuoi accedere?')).toBeInTheDocument());
    expect(calls[0]!.url).toBe('/api/v1/auth/register');
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ email: 'taken@example.com', password: 'a long passphrase' });
  });

  it('shows a common password refused by the server as too weak', async () => {
    const { fetchStub } = answers({
      status: 422,
      body: { code: 'validation-failed', detail: 'x', errors: [{ field: 'password', message: 'is one of the most common passwords; choose another' }] },
    });
    vi.stubGlobal('fetch', fetchStub);
    const user = userEvent.setup();
    renderApp(<RegisterPage />, { route: '/register' });
    await user.type(screen.getByLabelText('Email'), 'me@example.com');
    await user.type(screen.getByLabelText('Password'), 'password123');
    await user.type(screen.getByLabelText('Confirm password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(screen.getByText(/one of the most common passwords\. Choose another/)).toBeInTheDocument());
    expect(screen.getByLabelText('Password')).toHaveFocus();
  });
});
