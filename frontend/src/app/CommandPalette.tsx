import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Database, GitCompareArrows, HelpCircle, KeyRound, Languages, LogOut, Moon, Plus, Search, Sparkles, Sun,
} from 'lucide-react';
import { useI18n } from '../i18n/I18n';
import { useAuth } from '../auth/AuthContext';
import { useTheme } from './theme';
import { NAV } from './nav';
import { getPageCommands, matches, subscribePageCommands, type Command } from './commands';
import { useShell } from './AppShell';
import { scenarios as scenariosApi } from '../api/endpoints';
import { cx, Kbd } from '../components/ui';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    d.addEventListener('cancel', cancel);
    return () => d.removeEventListener('cancel', cancel);
  }, [onClose]);
  const { t } = useI18n();
  return (
    <dialog
      ref={ref}
      aria-label={t('palette.title')}
      className="mx-auto mt-[12vh] w-[calc(100%-2rem)] max-w-xl rounded-2xl border border-line bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/45 backdrop:backdrop-blur-[2px]"
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {open && <PaletteBody onClose={onClose} />}
    </dialog>
  );
}

function PaletteBody({ onClose }: { onClose: () => void }) {
  const { t, setLocale, locale } = useI18n();
  const { isAdmin, signOut } = useAuth();
  const { theme, toggle } = useTheme();
  const shell = useShell();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const debounced = useDebounced(query.trim(), 200);
  const pageCommands = useSyncExternalStore(subscribePageCommands, getPageCommands);

  const found = useQuery({
    queryKey: ['palette-scenarios', debounced],
    queryFn: () => scenariosApi.list({ search: debounced || undefined, page_size: 6, sort_by: 'updated_at', sort_order: 'desc' }),
    staleTime: 30_000,
  });

  const commands = useMemo<Command[]>(() => {
    const go = (to: string) => () => navigate(to);
    const pages: Command[] = NAV.filter((n) => !n.admin || isAdmin).map((n) => ({
      id: `nav:${n.to}`,
      label: t('palette.goTo', { page: t(n.label) }),
      group: t('palette.groupPages'),
      icon: n.icon,
      keywords: t(n.label),
      run: go(n.to),
    }));
    const actions: Command[] = [
      { id: 'new-scenario', label: t('scenarios.new'), group: t('palette.groupActions'), icon: Plus, keywords: 'create', run: go('/scenarios?new=1') },
      { id: 'new-key', label: t('keys.create'), group: t('palette.groupActions'), icon: KeyRound, keywords: 'api token', run: go('/api-keys?new=1') },
      { id: 'compare', label: t('compare.title'), group: t('palette.groupActions'), icon: GitCompareArrows, run: go('/compare') },
      {
        id: 'theme',
        label: theme === 'dark' ? t('settings.lightTheme') : t('settings.darkTheme'),
        group: t('palette.groupSettings'),
        icon: theme === 'dark' ? Sun : Moon,
        keywords: 'theme dark light tema',
        run: toggle,
      },
      {
        id: 'language',
        label: locale === 'en' ? 'Passa all’italiano' : 'Switch to English',
        group: t('palette.groupSettings'),
        icon: Languages,
        keywords: 'language lingua english italiano',
        run: () => setLocale(locale === 'en' ? 'it' : 'en'),
      },
      { id: 'shortcuts', label: t('nav.shortcuts'), group: t('palette.groupHelp'), icon: HelpCircle, keywords: 'keyboard help', run: shell.openShortcuts },
      { id: 'tour', label: t('tour.replay'), group: t('palette.groupHelp'), icon: Sparkles, keywords: 'onboarding tour', run: shell.startTour },
      {
        id: 'sign-out',
        label: t('user.signOut'),
        group: t('palette.groupAccount'),
        icon: LogOut,
        keywords: 'logout',
        run: async () => {
          await signOut();
          navigate('/login');
        },
      },
    ];
    const scenarioCommands: Command[] = (found.data?.items ?? []).map((s) => ({
      id: `scenario:${s.id}`,
      label: s.name,
      group: t('palette.groupScenarios'),
      icon: Database,
      keywords: `${s.region} ${s.tags.join(' ')} ${s.status}`,
      run: go(`/scenarios/${s.id}`),
    }));
    const filtered = [...pageCommands, ...pages, ...actions].filter((c) => matches(c, query));
    // scenarios were searched by the server already
    return [...filtered, ...scenarioCommands];
  }, [t, navigate, isAdmin, theme, toggle, locale, setLocale, shell, signOut, found.data, pageCommands, query]);

  useEffect(() => setActive(0), [query]);
  const clamped = Math.min(active, Math.max(0, commands.length - 1));

  const run = (c: Command) => {
    onClose();
    c.run();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (commands.length ? (a + 1) % commands.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (commands.length ? (a - 1 + commands.length) % commands.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = commands[clamped];
      if (c) run(c);
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${clamped}`)?.scrollIntoView({ block: 'nearest' });
  }, [clamped, listId]);

  const groups: { name: string; items: { c: Command; i: number }[] }[] = [];
  commands.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last && last.name === c.group) last.items.push({ c, i });
    else groups.push({ name: c.group, items: [{ c, i }] });
  });
  return (
    <div onKeyDown={onKeyDown}>
      <div className="flex items-center gap-3 border-b border-line px-4">
        <Search className="size-4.5 text-muted" aria-hidden />
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={commands.length ? `${listId}-${clamped}` : undefined}
          aria-autocomplete="list"
          aria-label={t('palette.title')}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="h-13 flex-1 bg-transparent text-[15px] text-fg outline-none placeholder:text-muted"
        />
        <Kbd>Esc</Kbd>
      </div>
      {commands.length === 0 && <p className="px-3 py-8 text-center text-sm text-muted">{t('palette.empty')}</p>}
      <div id={listId} role="listbox" aria-label={t('palette.results')} className="max-h-[55vh] overflow-y-auto p-2">
        {groups.map((g, gi) => (
          <div key={g.name} role="group" aria-labelledby={`${listId}-g${gi}`}>
            <div id={`${listId}-g${gi}`} className="px-3 pt-3 pb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">
              {g.name}
            </div>
            {g.items.map(({ c, i }) => {
              const Icon = c.icon;
              return (
                <div
                  key={c.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === clamped}
                  onMouseMove={() => setActive(i)}
                  onClick={() => run(c)}
                  className={cx(
                    'flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2.5 text-sm',
                    i === clamped ? 'bg-accent-soft text-accent-text' : 'text-fg',
                  )}
                >
                  {Icon && <Icon className="size-4 shrink-0 opacity-80" aria-hidden />}
                  <span className="truncate">{c.label}</span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
