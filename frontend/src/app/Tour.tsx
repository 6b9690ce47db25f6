import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { Sparkles } from 'lucide-react';
import { useI18n } from '../i18n/I18n';
import { Button } from '../components/ui';
import type { MessageKey } from '../i18n/en';

const key = (userId: string) => `mockupaws.tour.${userId}`;

export function tourSeen(userId: string): boolean {
  try {
    return localStorage.getItem(key(userId)) === 'done';
  } catch {
    return true;
  }
}

function markSeen(userId: string) {
  try {
    localStorage.setItem(key(userId), 'done');
  } catch {
    /* no storage */
  }
}

interface Step {
  target?: string;
  title: MessageKey;
  body: MessageKey;
}

const STEPS: Step[] = [
  { title: 'tour.welcome.title', body: 'tour.welcome.body' },
  { target: 'nav-scenarios', title: 'tour.scenarios.title', body: 'tour.scenarios.body' },
  { target: 'palette', title: 'tour.palette.title', body: 'tour.palette.body' },
  { target: 'language', title: 'tour.language.title', body: 'tour.language.body' },
  { target: 'user-menu', title: 'tour.menu.title', body: 'tour.menu.body' },
];

/**
 * The first-run tour: a few steps pointing at the parts of the app, skippable at any time (Escape too) and
 * replayable from the user menu or the command palette. Not modal: the page stays usable underneath.
 */
export function Tour({ userId, onClose }: { userId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const [rect, setRect] = useState<DOMRect | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const step = STEPS[index]!;
  const last = index === STEPS.length - 1;

  const finish = () => {
    markSeen(userId);
    onClose();
  };

  useLayoutEffect(() => {
    const find = () => {
      const el = step.target ? document.querySelector<HTMLElement>(`[data-tour="${step.target}"]`) : null;
      const r = el?.getBoundingClientRect();
      setRect(r && r.width > 0 ? r : null);
    };
    find();
    window.addEventListener('resize', find);
    return () => window.removeEventListener('resize', find);
  }, [step.target]);

  useEffect(() => {
    boxRef.current?.focus();
  }, [index]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) finish();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const width = 340;
  let style: React.CSSProperties;
  if (rect) {
    const left = Math.min(Math.max(12, rect.left), window.innerWidth - width - 12);
    const below = rect.bottom + 12;
    style = below + 220 < window.innerHeight ? { top: below, left } : { top: Math.max(12, rect.top - 232), left };
  } else {
    style = { top: '28vh', left: `calc(50% - ${width / 2}px)` };
  }

  return (
    <>
      {/* a spotlight: the page dims around the part being explained (and stays usable: no pointer capture) */}
      {rect ? (
        <div
          aria-hidden
          className="pointer-events-none fixed z-40 rounded-xl ring-2 ring-accent transition-all duration-200"
          style={{
            top: rect.top - 4,
            left: rect.left - 4,
            width: rect.width + 8,
            height: rect.height + 8,
            boxShadow: '0 0 0 9999px rgba(10, 12, 28, 0.38)',
          }}
        />
      ) : (
        <div aria-hidden className="pointer-events-none fixed inset-0 z-40 bg-[rgba(10,12,28,0.38)]" />
      )}
      <div
        ref={boxRef}
        role="dialog"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="tour"
        className="fixed z-50 rounded-2xl border border-line bg-surface p-5 shadow-2xl outline-none"
        style={{ ...style, width }}
      >
        <div className="mb-2 flex items-center gap-2 text-xs font-medium text-accent-text">
          <Sparkles className="size-4" aria-hidden />
          {t('tour.step', { n: index + 1, total: STEPS.length })}
        </div>
        <h2 id={titleId} className="text-base font-semibold text-fg">
          {t(step.title)}
        </h2>
        <p className="mt-1.5 text-sm leading-relaxed text-muted">{t(step.body)}</p>
        <div className="mt-5 flex items-center justify-between gap-2">
          <Button variant="ghost" size="sm" onClick={finish}>
            {t('tour.skip')}
          </Button>
          <div className="flex gap-2">
            {index > 0 && (
              <Button size="sm" onClick={() => setIndex(index - 1)}>
                {t('common.back')}
              </Button>
            )}
            <Button variant="primary" size="sm" onClick={() => (last ? finish() : setIndex(index + 1))}>
              {last ? t('tour.done') : t('common.next')}
            </Button>
          </div>
        </div>
      </div>
    </>
  );
}
