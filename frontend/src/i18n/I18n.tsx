import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { it } from './it';
import * as fmt from './format';
import type { Locale } from './format';

const dictionaries: Record<Locale, Messages> = { en, it };
const STORAGE_KEY = 'mockupaws.locale';

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const entry = dictionaries[locale][key] ?? en[key];
  let text: string;
  if (typeof entry === 'string') text = entry;
  else {
    const count = Number(vars?.count ?? 0);
    const rule = new Intl.PluralRules(fmt.tag(locale)).select(count);
    text = (entry as Record<string, string>)[rule] ?? entry.other;
  }
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'it') return stored;
  } catch {
    /* no storage */
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  usd: (v: number | null | undefined, opts?: { compact?: boolean }) => string;
  num: (v: number | null | undefined, maxFraction?: number) => string;
  compact: (v: number | null | undefined) => string;
  pct: (v: number | null | undefined, fraction?: number) => string;
  bytes: (v: number | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  relative: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);

  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* no storage */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      usd: (v, o) => fmt.formatUsd(locale, v, o),
      num: (v, f) => fmt.formatNumber(locale, v, f),
      compact: (v) => fmt.formatCompact(locale, v),
      pct: (v, f) => fmt.formatPercent(locale, v, f),
      bytes: (v) => fmt.formatBytes(locale, v),
      dateTime: (iso) => fmt.formatDateTime(locale, iso),
      date: (iso) => fmt.formatDate(locale, iso),
      relative: (iso) => fmt.formatRelative(locale, iso),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
