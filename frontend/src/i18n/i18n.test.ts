import { describe, expect, it as test } from 'vitest';
import { en } from './en';
import { it } from './it';
import { translate } from './I18n';
import { formatUsd, formatNumber, formatPercent, formatBytes } from './format';

// Words that are the same in both languages (product and AWS names, units, loanwords Italian uses as they are).
const SAME_IN_BOTH = new Set([
  'service.sqs', 'service.lambda', 'service.bedrock', 'service.sqs.long', 'service.lambda.long', 'service.bedrock.long',
  'auth.email', 'auth.password', 'palette.groupAccount', 'common.no', 'auth.strength.label', 'admin.cache.title',
  'common.showingRange', 'ingest.endpoint', 'form.queue.standard', 'form.mode.on_demand', 'form.arch.x86_64',
  'form.arch.arm64', 'overview.pipeline', 'admin.audit.ip', 'admin.queries.p95', 'pricing.tokenizer',
  'pricing.tierRange', 'pricing.per', 'stats.tokensHint', 'reports.title', 'pii.iban', 'shortcuts.goTo', 'admin.tab.backups',
]);

describe('dictionaries', () => {
  test('Italian has every English key and nothing else', () => {
    expect(Object.keys(it).sort()).toEqual(Object.keys(en).sort());
  });

  test('every Italian string is translated (not left in English)', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => !SAME_IN_BOTH.has(k) && JSON.stringify(en[k]) === JSON.stringify(it[k]),
    );
    expect(untranslated).toEqual([]);
  });

  test('placeholders match between languages', () => {
    const names = (v: unknown) => [...JSON.stringify(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect([k, names(it[k])]).toEqual([k, names(en[k])]);
    }
  });

  test('plurals and variables', () => {
    expect(translate('en', 'scenarios.count', { count: 1 })).toBe('1 scenario');
    expect(translate('en', 'scenarios.count', { count: 3 })).toBe('3 scenarios');
    expect(translate('it', 'scenarios.count', { count: 1 })).toBe('1 scenario');
    expect(translate('it', 'scenarios.count', { count: 2 })).toBe('2 scenari');
    expect(translate('it', 'palette.goTo', { page: 'Prezzi' })).toBe('Vai a Prezzi');
  });
});

describe('number formatting per locale', () => {
  test('money: cents for everyday amounts, more digits for fractions of a cent', () => {
    expect(formatUsd('en', 1234.5)).toBe('$1,234.50');
    expect(formatUsd('it', 12345.5)).toMatch(/^12\.345,50\s?(USD|\$)$/); // CLDR: Italian groups from 5 digits
    expect(formatUsd('en', 0.000131)).toBe('$0.000131');
    expect(formatUsd('it', 0.000131)).toMatch(/^0,000131\s?(USD|\$)$/);
    expect(formatUsd('en', 0.1234)).toBe('$0.1234');
    expect(formatUsd('en', 0)).toBe('$0.00');
    expect(formatUsd('en', null)).toBe('—');
  });

  test('numbers, percentages and bytes', () => {
    expect(formatNumber('en', 2190000)).toBe('2,190,000');
    expect(formatNumber('it', 2190000)).toBe('2.190.000');
    expect(formatPercent('en', 98.78)).toBe('98.8%');
    expect(formatPercent('it', 98.78)).toMatch(/^98,8\s?%$/);
    expect(formatBytes('en', 2832)).toBe('2.8 KB');
    expect(formatBytes('it', 2832)).toBe('2,8 KB');
  });
});
