import { useEffect } from 'react';
import type { LucideIcon } from 'lucide-react';

export interface Command {
  id: string;
  label: string;
  group: string;
  icon?: LucideIcon;
  keywords?: string;
  run: () => void;
}

/**
 * Commands a page offers while it is shown (a scenario's Start/Stop, its tabs, …): the command palette lists them
 * next to the global ones.
 */
type Listener = () => void;
const pageCommands = new Map<string, Command[]>();
const listeners = new Set<Listener>();
// one array per change: useSyncExternalStore compares snapshots by identity
let snapshot: Command[] = [];

export function getPageCommands(): Command[] {
  return snapshot;
}

function changed() {
  snapshot = [...pageCommands.values()].flat();
  listeners.forEach((l) => l());
}

export function subscribePageCommands(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePageCommands(owner: string, commands: Command[]) {
  useEffect(() => {
    pageCommands.set(owner, commands);
    changed();
    return () => {
      pageCommands.delete(owner);
      changed();
    };
  }, [owner, commands]);
}

/** Case-insensitive match of every word of the query, in label or keywords. */
export function matches(c: Pick<Command, 'label' | 'keywords' | 'group'>, query: string): boolean {
  const hay = `${c.label} ${c.keywords ?? ''} ${c.group}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
