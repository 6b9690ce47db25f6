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
  /** a price dimension of the API ("compute GB-seconds tier 2") in the user's language */
  dim: (dimension: string) => string;
  /** a unit of the API ("GB-seconds") in the user's language */
  unit: (unit: string) => string;
  /** why the API has no trend prediction yet, in the user's language */
  trendReason: (reason: string | null | undefined) => string;
}

const DIMENSIONS: Record<string, MessageKey> = {
  requests: 'dim.requests',
  'compute GB-seconds': 'dim.compute',
  'ephemeral storage GB-seconds': 'dim.storage',
  'input tokens': 'dim.inputTokens',
  'output tokens': 'dim.outputTokens',
};
const UNITS: Record<string, MessageKey> = { requests: 'unit.requests', 'GB-seconds': 'unit.gbSeconds', tokens: 'unit.tokens' };

function dimension(locale: Locale, d: string): string {
  const m = /^(.*) tier (\d+)$/.exec(d);
  const base = m ? m[1]! : d;
  const name = DIMENSIONS[base] ? translate(locale, DIMENSIONS[base]!) : base;
  return m ? translate(locale, 'dim.tier', { dimension: name, n: m[2]! }) : name;
}

function trendReason(locale: Locale, reason: string | null | undefined): string {
  if (!reason) return '';
  const m = /needs at least (\d+) complete (hour|day)s of observation; there are (\d+)/.exec(reason);
  if (m) {
    return translate(locale, 'trend.needMore', { min: m[1]!, unit: translate(locale, m[2] === 'hour' ? 'trend.hours' : 'trend.days'), have: m[3]! });
  }
  if (/no traffic to project/.test(reason)) return translate(locale, 'trend.noTraffic');
  return reason;
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
      dim: (d) => dimension(locale, d),
      unit: (u) => (UNITS[u] ? translate(locale, UNITS[u]!) : u),
      trendReason: (r) => trendReason(locale, r),
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
