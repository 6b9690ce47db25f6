import { createContext, Suspense, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ChevronDown, Globe, HelpCircle, LogOut, Menu, Moon, Search, Sparkles, Sun, X } from 'lucide-react';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n/I18n';
import { useTheme } from './theme';
import { NAV } from './nav';
import { cx, Kbd, Spinner } from '../components/ui';
import { Logo } from '../components/Logo';
import { CommandPalette } from './CommandPalette';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Tour, tourSeen } from './Tour';

interface ShellValue {
  openPalette: () => void;
  openShortcuts: () => void;
  startTour: () => void;
}

const ShellContext = createContext<ShellValue>({ openPalette() {}, openShortcuts() {}, startTour() {} });
export const useShell = () => useContext(ShellContext);

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

export function AppShell() {
  const { user, isAdmin } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [palette, setPalette] = useState(false);
  const [shortcuts, setShortcuts] = useState(false);
  const [tour, setTour] = useState(false);
  const [mobileNav, setMobileNav] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  // First sign-in on this browser: offer the tour once.
  useEffect(() => {
    if (user && !tourSeen(user.id)) setTour(true);
  }, [user]);

  useEffect(() => setMobileNav(false), [location.pathname]);

  // Global keys: Ctrl/Cmd+K palette, ? shortcuts, "g" then a letter to go to a page. The pending "g" outlives
  // re-registrations of the listener (navigate changes identity on every navigation).
  const pendingG = useRef(0);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((p) => !p);
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key === '?') {
        e.preventDefault();
        setShortcuts(true);
        return;
      }
      if (e.key === 'g') {
        pendingG.current = Date.now();
        return;
      }
      if (pendingG.current && Date.now() - pendingG.current < 1200) {
        pendingG.current = 0;
        const item = NAV.find((n) => n.key === e.key && (!n.admin || isAdmin));
        if (item) {
          e.preventDefault();
          navigate(item.to);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, isAdmin]);

  const shell = useMemo<ShellValue>(
    () => ({ openPalette: () => setPalette(true), openShortcuts: () => setShortcuts(true), startTour: () => setTour(true) }),
    [],
  );

  const closeTour = useCallback(() => setTour(false), []);

  const nav = (
    <nav aria-label={t('nav.main')} className="flex flex-col gap-0.5" data-tour="nav">
      {NAV.filter((n) => !n.admin || isAdmin).map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.to === '/'}
          data-tour={item.tour}
          className={({ isActive }) =>
            cx(
              'flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
              isActive ? 'bg-accent-soft text-accent-text' : 'text-muted hover:bg-surface-2 hover:text-fg',
            )
          }
        >
          <item.icon className="size-4.5 shrink-0" aria-hidden />
          {t(item.label)}
        </NavLink>
      ))}
    </nav>
  );

  return (
    <ShellContext.Provider value={shell}>
      <a
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-surface focus:px-4 focus:py-2 focus:shadow-lg"
      >
        {t('nav.skip')}
      </a>
      <div className="flex min-h-screen">
        <div className="hidden w-60 shrink-0 border-r border-line bg-surface lg:block">
        <aside className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <Logo className="mb-6 px-2" />
          {nav}
          <div className="mt-auto flex flex-col gap-2">
            <button
              type="button"
              onClick={() => setShortcuts(true)}
              className="flex items-center gap-3 rounded-lg px-3 py-2 text-sm whitespace-nowrap text-muted hover:bg-surface-2 hover:text-fg"
            >
              <HelpCircle className="size-4.5" aria-hidden />
              {t('nav.shortcuts')}
              <Kbd>?</Kbd>
            </button>
          </div>
        </aside>
        </div>

        {mobileNav && (
          <div className="fixed inset-0 z-40 bg-black/40 lg:hidden" onClick={() => setMobileNav(false)}>
            <div
              className="h-full w-64 border-r border-line bg-surface px-3 py-4"
              onClick={(e) => e.stopPropagation()}
            >
              <div className="mb-6 flex items-center justify-between">
                <Logo className="px-2" />
                <button type="button" aria-label={t('common.close')} onClick={() => setMobileNav(false)} className="p-2 text-muted">
                  <X className="size-5" aria-hidden />
                </button>
              </div>
              {nav}
            </div>
          </div>
        )}

        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-line bg-surface/85 px-4 backdrop-blur lg:px-8">
            <button
              type="button"
              className="rounded-lg p-2 text-muted hover:bg-surface-2 lg:hidden"
              aria-label={t('nav.openMenu')}
              onClick={() => setMobileNav(true)}
            >
              <Menu className="size-5" aria-hidden />
            </button>
            <button
              type="button"
              data-tour="palette"
              onClick={() => setPalette(true)}
              className="flex h-9 w-full max-w-md items-center gap-2.5 rounded-lg border border-line bg-surface-2/70 px-3 text-sm text-muted hover:border-line-strong"
            >
              <Search className="size-4" aria-hidden />
              <span className="flex-1 text-left">{t('palette.trigger')}</span>
              <Kbd>Ctrl K</Kbd>
            </button>
            <div className="ml-auto flex items-center gap-1">
              <LanguageSwitch />
              <ThemeToggle />
              <UserMenu onTour={() => setTour(true)} onShortcuts={() => setShortcuts(true)} />
            </div>
          </header>
          <main id="main" ref={mainRef} tabIndex={-1} className="mx-auto w-full max-w-[1320px] flex-1 px-4 py-7 outline-none lg:px-8">
            <Suspense fallback={<Spinner />}>
              <Outlet />
            </Suspense>
          </main>
        </div>
      </div>
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <ShortcutsDialog open={shortcuts} onClose={() => setShortcuts(false)} />
      {tour && user && <Tour userId={user.id} onClose={closeTour} />}
    </ShellContext.Provider>
  );
}

function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="relative flex items-center" data-tour="language">
      <Globe className="pointer-events-none absolute left-2.5 size-4 text-muted" aria-hidden />
      <label htmlFor="language-switch" className="sr-only">
        {t('settings.language')}
      </label>
      <select
        id="language-switch"
        value={locale}
        onChange={(e) => setLocale(e.target.value as 'en' | 'it')}
        className="h-9 appearance-none rounded-lg bg-transparent pr-3 pl-8 text-sm text-fg hover:bg-surface-2"
      >
        <option value="en">English</option>
        <option value="it">Italiano</option>
      </select>
    </div>
  );
}

function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const { t } = useI18n();
  const label = theme === 'dark' ? t('settings.lightTheme') : t('settings.darkTheme');
  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={label}
      title={label}
      className="inline-flex size-9 items-center justify-center rounded-lg text-muted hover:bg-surface-2 hover:text-fg"
    >
      {theme === 'dark' ? <Sun className="size-4.5" aria-hidden /> : <Moon className="size-4.5" aria-hidden />}
    </button>
  );
}

function UserMenu({ onTour, onShortcuts }: { onTour: () => void; onShortcuts: () => void }) {
  const { user, signOut } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return null;
  const initials = (user.full_name || user.email)
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
  const item = 'flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-left text-sm text-fg hover:bg-surface-2';

  return (
    <div ref={ref} className="relative" data-tour="user-menu">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'user-menu' : undefined}
        onClick={() => setOpen((o) => !o)}
        className="flex h-9 items-center gap-2 rounded-lg pr-2 pl-1 hover:bg-surface-2"
      >
        <span className="flex size-7 items-center justify-center rounded-full bg-gradient-to-br from-indigo-500 to-violet-600 text-[11px] font-semibold text-white" aria-hidden>
          {initials}
        </span>
        <span className="sr-only">{t('user.menu')}</span>
        <ChevronDown className="size-4 text-muted" aria-hidden />
      </button>
      {open && (
        <div id="user-menu" className="absolute right-0 mt-2 w-64 rounded-xl border border-line bg-surface p-1.5 shadow-xl">
          <div className="border-b border-line px-3 py-2.5">
            <p className="truncate text-sm font-medium text-fg">{user.full_name || user.email}</p>
            <p className="truncate text-xs text-muted">{user.email}</p>
            <p className="mt-1 text-xs text-muted">
              {t(user.role === 'admin' ? 'user.roleAdmin' : 'user.roleUser')} · {t(`user.tier.${user.tier}`)}
            </p>
          </div>
          <div className="pt-1.5">
            <button type="button" className={item} onClick={() => { setOpen(false); onTour(); }}>
              <Sparkles className="size-4 text-muted" aria-hidden /> {t('tour.replay')}
            </button>
            <button type="button" className={item} onClick={() => { setOpen(false); onShortcuts(); }}>
              <HelpCircle className="size-4 text-muted" aria-hidden /> {t('nav.shortcuts')}
            </button>
            <button
              type="button"
              className={item}
              onClick={async () => {
                setOpen(false);
                await signOut();
                navigate('/login');
              }}
            >
              <LogOut className="size-4 text-muted" aria-hidden /> {t('user.signOut')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
