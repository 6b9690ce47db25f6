export type Locale = 'en' | 'it';

const intlLocale: Record<Locale, string> = { en: 'en-US', it: 'it-IT' };

export function tag(locale: Locale): string {
  return intlLocale[locale];
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale[locale], opts);
    cache.set(key, f);
  }
  return f;
}

/**
 * US dollars as the API reports them (rounded to 6 decimals): cents for everyday amounts, more digits for the
 * fractions of a cent a single request costs, so a small figure never reads as $0.00.
 */
export function formatUsd(locale: Locale, value: number | null | undefined, opts: { compact?: boolean } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (opts.compact && abs >= 10_000) {
    return nf(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(value);
  }
  let digits = 2;
  if (abs > 0 && abs < 0.01) digits = 6;
  else if (abs > 0 && abs < 1) digits = 4;
  return nf(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: digits }).format(value);
}

export function formatNumber(locale: Locale, value: number | null | undefined, maxFraction = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return nf(locale, { maximumFractionDigits: maxFraction }).format(value);
}

export function formatCompact(locale: Locale, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) < 10_000) return formatNumber(locale, value, 1);
  return nf(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(locale: Locale, value: number | null | undefined, fraction = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return nf(locale, { style: 'percent', maximumFractionDigits: fraction }).format(value / 100);
}

export function formatSignedPercent(locale: Locale, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return nf(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value / 100);
}

export function formatSignedUsd(locale: Locale, value: number): string {
  const s = formatUsd(locale, Math.abs(value));
  if (value > 0) return `+${s}`;
  if (value < 0) return `−${s}`;
  return s;
}

export function formatBytes(locale: Locale, bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(locale, v, i === 0 ? 0 : 1)} ${units[i]}`;
}

export function formatDateTime(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(intlLocale[locale], { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(locale: Locale, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(intlLocale[locale], { dateStyle: 'medium' });
}

/** Axis labels of a time series: the time for minutes/hours, the day for days. */
export function formatBucket(locale: Locale, iso: string, granularity: 'minute' | 'hour' | 'day'): string {
  const d = new Date(iso);
  if (granularity === 'day') return d.toLocaleDateString(intlLocale[locale], { month: 'short', day: 'numeric' });
  if (granularity === 'hour')
    return d.toLocaleString(intlLocale[locale], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return d.toLocaleTimeString(intlLocale[locale], { hour: '2-digit', minute: '2-digit' });
}

export function formatRelative(locale: Locale, iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const diff = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(intlLocale[locale], { numeric: 'auto' });
  const abs = Math.abs(diff);
  if (abs < 60) return rtf.format(Math.round(diff), 'second');
  if (abs < 3600) return rtf.format(Math.round(diff / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diff / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diff / 86400), 'day');
  return formatDate(locale, iso);
}
