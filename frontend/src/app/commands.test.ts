import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { getPageCommands, matches, usePageCommands } from './commands';

describe('command palette matching', () => {
  const c = { label: 'Go to Pricing', keywords: 'Prezzi', group: 'Pages' };
  it('matches every word, in label, keywords or group, ignoring case', () => {
    expect(matches(c, 'pricing')).toBe(true);
    expect(matches(c, 'go pri')).toBe(true);
    expect(matches(c, 'prezzi')).toBe(true);
    expect(matches(c, 'pages')).toBe(true);
    expect(matches(c, 'pricing keys')).toBe(false);
    expect(matches(c, '')).toBe(true);
  });
});

describe('page commands', () => {
  it('are listed while their page is shown, with a stable snapshot between changes', () => {
    const run = () => {};
    const commands = [{ id: 'start', label: 'Start', group: 'This scenario', run }];
    const { unmount } = renderHook(() => usePageCommands('detail', commands));
    const first = getPageCommands();
    expect(first.map((x) => x.id)).toEqual(['start']);
    expect(getPageCommands()).toBe(first); // same array until something changes (useSyncExternalStore needs it)
    unmount();
    expect(getPageCommands()).toEqual([]);
  });
});
