import { Outlet } from 'react-router';
import { Suspense } from 'react';
import { Activity, Coins, FlaskConical } from 'lucide-react';
import { useI18n } from '../../i18n/I18n';
import { Logo } from '../../components/Logo';
import { Spinner } from '../../components/ui';

export function AuthLayout() {
  const { t, locale, setLocale } = useI18n();
  const points = [
    { icon: Activity, title: t('auth.pitch.realTraffic'), body: t('auth.pitch.realTrafficBody') },
    { icon: Coins, title: t('auth.pitch.everyCent'), body: t('auth.pitch.everyCentBody') },
    { icon: FlaskConical, title: t('auth.pitch.whatIf'), body: t('auth.pitch.whatIfBody') },
  ];
  return (
    <div className="grid min-h-screen lg:grid-cols-[1.05fr_1fr]">
      <aside className="relative hidden overflow-hidden bg-[#0f1224] px-14 py-12 text-white lg:flex lg:flex-col">
        <div aria-hidden className="absolute -top-40 -left-32 size-[520px] rounded-full bg-indigo-600/30 blur-3xl" />
        <div aria-hidden className="absolute -right-40 bottom-0 size-[440px] rounded-full bg-violet-600/25 blur-3xl" />
        <div className="relative flex items-center gap-2.5">
          <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
            <rect width="32" height="32" rx="8" fill="#6366f1" />
            <path d="M8 21l5-10 4 7 3-4 4 7" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="text-[15px] font-semibold">mockupAWS</span>
        </div>
        <div className="relative mt-auto mb-auto max-w-lg">
          <p className="text-sm font-medium text-indigo-200">{t('auth.pitch.kicker')}</p>
          <h1 className="mt-3 text-[34px] leading-[1.15] font-semibold tracking-tight">{t('auth.pitch.title')}</h1>
          <ul className="mt-10 space-y-6">
            {points.map((p) => (
              <li key={p.title} className="flex gap-4">
                <div className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-white/10" aria-hidden>
                  <p.icon className="size-5 text-indigo-200" />
                </div>
                <div>
                  <p className="font-medium">{p.title}</p>
                  <p className="mt-0.5 text-sm leading-relaxed text-slate-300">{p.body}</p>
                </div>
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-slate-400">SQS · Lambda · Bedrock</p>
      </aside>
      <main className="flex flex-col px-6 py-8 sm:px-12">
        <div className="flex items-center justify-between">
          <Logo className="lg:invisible" />
          <div>
            <label htmlFor="auth-language" className="sr-only">
              {t('settings.language')}
            </label>
            <select
              id="auth-language"
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'en' | 'it')}
              className="h-9 rounded-lg border border-line bg-surface px-2 text-sm text-fg"
            >
              <option value="en">English</option>
              <option value="it">Italiano</option>
            </select>
          </div>
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-10">
          <Suspense fallback={<Spinner />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
