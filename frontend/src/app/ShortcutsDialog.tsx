import { Dialog, Kbd } from '../components/ui';
import { useI18n } from '../i18n/I18n';
import { useAuth } from '../auth/AuthContext';
import { NAV } from './nav';
import type { MessageKey } from '../i18n/en';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { isAdmin } = useAuth();
  const general: [string[], MessageKey][] = [
    [['Ctrl', 'K'], 'shortcuts.palette'],
    [['?'], 'shortcuts.help'],
    [['/'], 'shortcuts.search'],
    [['n'], 'shortcuts.newScenario'],
    [['Esc'], 'shortcuts.close'],
  ];
  const row = (keys: string[], label: string) => (
    <div key={label} className="flex items-center justify-between gap-4 py-2">
      <dt className="text-sm text-fg">{label}</dt>
      <dd className="flex gap-1">
        {keys.map((k, i) => (
          <Kbd key={i}>{k}</Kbd>
        ))}
      </dd>
    </div>
  );
  return (
    <Dialog open={open} onClose={onClose} title={t('shortcuts.title')} description={t('shortcuts.description')}>
      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="shortcuts-general">
          <h3 id="shortcuts-general" className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">
            {t('shortcuts.general')}
          </h3>
          <dl className="divide-y divide-line">{general.map(([keys, label]) => row(keys, t(label)))}</dl>
        </section>
        <section aria-labelledby="shortcuts-nav">
          <h3 id="shortcuts-nav" className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">
            {t('shortcuts.navigation')}
          </h3>
          <dl className="divide-y divide-line">
            {NAV.filter((n) => !n.admin || isAdmin).map((n) => row(['g', n.key], t('shortcuts.goTo', { page: t(n.label) })))}
          </dl>
        </section>
      </div>
    </Dialog>
  );
}
