import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18n';
import { auth } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { Alert, Button, Field, Input } from '../../components/ui';
import { useErrorText } from '../../app/errors';
import { passwordProblem } from './passwordRules';
import { PasswordMeter } from './RegisterPage';

export default function ResetPasswordPage() {
  const { t } = useI18n();
  const { text, field } = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const [token, setToken] = useState(() => new URLSearchParams(location.search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const p = passwordProblem(password, '');
  const pwProblem = p && t(({ required: 'errors.required', tooShort: 'errors.passwordTooShort', tooLong: 'errors.passwordTooLong', isEmail: 'errors.passwordIsEmail' } as const)[p]);
  const mismatch = confirm !== password ? t('errors.passwordMismatch') : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!token.trim() || pwProblem || mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await auth.reset(token.trim(), password);
      navigate('/login?reset=1', { replace: true });
    } catch (err) {
      const pw = err instanceof ApiError ? field(err.fieldMessage('new_password')) : undefined;
      if (pw) setPasswordError(pw);
      else setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{t('auth.reset.title')}</h1>
      <p className="mt-1.5 text-sm text-muted">{t('auth.reset.subtitle')}</p>
      <form onSubmit={submit} className="mt-8 flex flex-col gap-4" noValidate>
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t('auth.reset.token')} error={touched && !token.trim() ? t('errors.required') : undefined} hint={t('auth.reset.tokenHint')}>
          <Input value={token} onChange={(e) => setToken(e.target.value)} autoComplete="one-time-code" className="font-mono" />
        </Field>
        <Field label={t('auth.reset.newPassword')} error={passwordError ?? (touched ? (pwProblem ?? undefined) : undefined)} hint={t('auth.register.passwordHint')}>
          <Input type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setPasswordError(undefined); }} />
        </Field>
        <PasswordMeter password={password} />
        <Field label={t('auth.confirmPassword')} error={touched ? mismatch : undefined}>
          <Input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
        <Button type="submit" variant="primary" loading={busy} className="mt-2 w-full">
          {t('auth.reset.submit')}
        </Button>
      </form>
      <p className="mt-8 text-center text-sm">
        <Link to="/login" className="font-medium text-accent-text hover:underline">
          {t('auth.backToLogin')}
        </Link>
      </p>
    </div>
  );
}
