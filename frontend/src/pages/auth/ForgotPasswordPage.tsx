import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { MailCheck } from 'lucide-react';
import { useI18n } from '../../i18n/I18n';
import { auth } from '../../api/endpoints';
import { Alert, Button, Field, Input } from '../../components/ui';
import { useErrorText } from '../../app/errors';
import { EMAIL_RE } from './passwordRules';

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const { text } = useErrorText();
  const [email, setEmail] = useState('');
  const [touched, setTouched] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invalid = !EMAIL_RE.test(email.trim()) ? t('errors.invalidEmail') : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      await auth.forgot(email.trim());
      setSent(true);
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <div className="text-center">
        <div className="mx-auto mb-5 flex size-12 items-center justify-center rounded-2xl bg-accent-soft text-accent-text" aria-hidden>
          <MailCheck className="size-6" />
        </div>
        <h1 className="text-2xl font-semibold tracking-tight text-fg">{t('auth.forgot.sentTitle')}</h1>
        <p className="mt-2 text-sm leading-relaxed text-muted">{t('auth.forgot.sentBody', { email: email.trim() })}</p>
        <p className="mt-8 text-sm">
          <Link to="/reset-password" className="font-medium text-accent-text hover:underline">
            {t('auth.forgot.haveToken')}
          </Link>
        </p>
        <p className="mt-3 text-sm">
          <Link to="/login" className="text-muted hover:underline">
            {t('auth.backToLogin')}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{t('auth.forgot.title')}</h1>
      <p className="mt-1.5 text-sm text-muted">{t('auth.forgot.subtitle')}</p>
      <form onSubmit={submit} className="mt-8 flex flex-col gap-4" noValidate>
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t('auth.email')} error={touched ? invalid : undefined}>
          <Input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} onBlur={() => setTouched(true)} autoFocus />
        </Field>
        <Button type="submit" variant="primary" loading={busy} className="w-full">
          {t('auth.forgot.submit')}
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
