import { BarChart3, Database, GitCompareArrows, KeyRound, LayoutDashboard, ShieldCheck, type LucideIcon } from 'lucide-react';
import type { MessageKey } from '../i18n/en';

export interface NavItem {
  to: string;
  label: MessageKey;
  icon: LucideIcon;
  /** the second key of the "g then …" shortcut */
  key: string;
  admin?: boolean;
  tour?: string;
}

/** Every page: the sidebar, the command palette and the keyboard shortcuts all read this one list. */
export const NAV: NavItem[] = [
  { to: '/', label: 'nav.dashboard', icon: LayoutDashboard, key: 'd' },
  { to: '/scenarios', label: 'nav.scenarios', icon: Database, key: 's', tour: 'nav-scenarios' },
  { to: '/compare', label: 'nav.compare', icon: GitCompareArrows, key: 'c' },
  { to: '/api-keys', label: 'nav.apiKeys', icon: KeyRound, key: 'k' },
  { to: '/pricing', label: 'nav.pricing', icon: BarChart3, key: 'p' },
  { to: '/admin', label: 'nav.admin', icon: ShieldCheck, key: 'a', admin: true },
];
