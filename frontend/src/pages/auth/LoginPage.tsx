import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n/I18n';
import { Alert, Button, Field, Input } from '../../components/ui';
import { useErrorText } from '../../app/errors';

export default function LoginPage() {
  const { signIn } = useAuth();
  const { t } = useI18n();
  const { text } = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = new URLSearchParams(location.search);
  const registered = params.get('registered') === '1';
  const reset = params.get('reset') === '1';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{t('auth.login.title')}</h1>
      <p className="mt-1.5 text-sm text-muted">{t('auth.login.subtitle')}</p>
      <form onSubmit={submit} className="mt-8 flex flex-col gap-4" noValidate>
        {registered && <Alert tone="success">{t('auth.login.registered')}</Alert>}
        {reset && <Alert tone="success">{t('auth.login.resetDone')}</Alert>}
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t('auth.email')}>
          <Input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field label={t('auth.password')}>
          <Input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <div className="-mt-1 text-right">
          <Link to="/forgot-password" className="text-sm font-medium text-accent-text hover:underline">
            {t('auth.login.forgot')}
          </Link>
        </div>
        <Button type="submit" variant="primary" loading={busy} className="w-full">
          {t('auth.login.submit')}
        </Button>
      </form>
      <p className="mt-8 text-center text-sm text-muted">
        {t('auth.login.noAccount')}{' '}
        <Link to="/register" className="font-medium text-accent-text hover:underline">
          {t('auth.login.createAccount')}
        </Link>
      </p>
    </div>
  );
}
