import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18n';
import { auth } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import { Alert, Button, Field, Input, cx } from '../../components/ui';
import { useErrorText } from '../../app/errors';
import { useAuth } from '../../auth/AuthContext';
import { EMAIL_RE, passwordProblem, passwordStrength } from './passwordRules';
import type { MessageKey } from '../../i18n/en';

type Fields = 'email' | 'password' | 'confirm';

export function PasswordMeter({ password }: { password: string }) {
  const { t } = useI18n();
  const score = passwordStrength(password);
  const labels: MessageKey[] = ['auth.strength.none', 'auth.strength.weak', 'auth.strength.fair', 'auth.strength.good', 'auth.strength.strong'];
  const colors = ['bg-line', 'bg-danger', 'bg-warning', 'bg-info', 'bg-success'];
  return (
    <div className="flex items-center gap-3" aria-live="polite">
      <div className="flex flex-1 gap-1" aria-hidden>
        {[1, 2, 3, 4].map((i) => (
          <span key={i} className={cx('h-1.5 flex-1 rounded-full', i <= score ? colors[score] : 'bg-line')} />
        ))}
      </div>
      <span className="w-24 text-right text-xs text-muted">{t('auth.strength.label', { value: t(labels[score]!) })}</span>
    </div>
  );
}

export default function RegisterPage() {
  const { t } = useI18n();
  const { text, field } = useErrorText();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState<Record<Fields, boolean>>({ email: false, password: false, confirm: false });
  const [serverErrors, setServerErrors] = useState<Partial<Record<Fields, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const problems: Record<Fields, string | undefined> = {
    email: !email.trim() ? t('errors.required') : !EMAIL_RE.test(email.trim()) ? t('errors.invalidEmail') : undefined,
    password: (() => {
      const p = passwordProblem(password, email);
      return p === null ? undefined : t(({ required: 'errors.required', tooShort: 'errors.passwordTooShort', tooLong: 'errors.passwordTooLong', isEmail: 'errors.passwordIsEmail' } as const)[p]);
    })(),
    confirm: !confirm ? t('errors.required') : confirm !== password ? t('errors.passwordMismatch') : undefined,
  };
  const shown = (f: Fields) => serverErrors[f] ?? (touched[f] ? problems[f] : undefined);
  const touch = (f: Fields) => setTouched((s) => ({ ...s, [f]: true }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ email: true, password: true, confirm: true });
    setError(null);
    if (problems.email || problems.password || problems.confirm) {
      const first = (['email', 'password', 'confirm'] as Fields[]).find((f) => problems[f]);
      document.getElementById(`register-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await auth.register(email.trim(), password, name.trim());
      try {
        await signIn(email.trim(), password);
        navigate('/', { replace: true });
      } catch {
        navigate('/login?registered=1', { replace: true });
      }
    } catch (err) {
      if (err instanceof ApiError && (err.status === 422 || err.status === 409)) {
        const next: Partial<Record<Fields, string>> = {};
        const emailMsg = err.code === 'email-taken' ? t('errors.emailTaken') : field(err.fieldMessage('email'));
        const pwMsg = field(err.fieldMessage('password'));
        if (emailMsg) next.email = emailMsg;
        if (pwMsg) next.password = pwMsg;
        setServerErrors(next);
        if (!emailMsg && !pwMsg) setError(text(err));
        document.getElementById(emailMsg ? 'register-email' : 'register-password')?.focus();
      } else {
        setError(text(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-fg">{t('auth.register.title')}</h1>
      <p className="mt-1.5 text-sm text-muted">{t('auth.register.subtitle')}</p>
      <form onSubmit={submit} className="mt-8 flex flex-col gap-4" noValidate>
        {error && <Alert tone="danger">{error}</Alert>}
        <Field label={t('auth.fullName')} optional>
          <Input id="register-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <Field label={t('auth.email')} error={shown('email')}>
          <Input
            id="register-email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              setServerErrors((s) => ({ ...s, email: undefined }));
            }}
            onBlur={() => touch('email')}
          />
        </Field>
        <Field label={t('auth.password')} error={shown('password')} hint={t('auth.register.passwordHint')}>
          <Input
            id="register-password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setServerErrors((s) => ({ ...s, password: undefined }));
            }}
            onBlur={() => touch('password')}
          />
        </Field>
        <PasswordMeter password={password} />
        <Field label={t('auth.confirmPassword')} error={shown('confirm')}>
          <Input
            id="register-confirm"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            onBlur={() => touch('confirm')}
          />
        </Field>
        <Button type="submit" variant="primary" loading={busy} className="mt-2 w-full">
          {t('auth.register.submit')}
        </Button>
      </form>
      <p className="mt-8 text-center text-sm text-muted">
        {t('auth.register.haveAccount')}{' '}
        <Link to="/login" className="font-medium text-accent-text hover:underline">
          {t('auth.login.submit')}
        </Link>
      </p>
    </div>
  );
}
