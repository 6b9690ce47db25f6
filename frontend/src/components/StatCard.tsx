import type { ReactNode } from 'react';
import { cx, Skeleton } from './ui';

export function StatCard({
  label, value, hint, icon, loading, accent, testId, big, className,
}: {
  big?: boolean;
  className?: string;
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  icon?: ReactNode;
  loading?: boolean;
  accent?: boolean;
  testId?: string;
}) {
  return (
    <div
      className={cx(
        'flex min-w-0 flex-col rounded-xl border px-4 py-3.5 shadow-card',
        accent ? 'border-accent/30 bg-gradient-to-br from-accent-soft to-surface' : 'border-line bg-surface',
        className,
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <p className="truncate text-[12.5px] font-medium text-muted">{label}</p>
        {icon && <span className="text-muted" aria-hidden>{icon}</span>}
      </div>
      {loading ? (
        <Skeleton className="mt-2 h-7 w-24" />
      ) : (
        <p data-testid={testId} className={cx('mt-1.5 truncate leading-tight font-semibold tracking-tight text-fg tabular', big ? 'text-[30px]' : 'text-[22px]')}>
          {value}
        </p>
      )}
      {hint && <p className="mt-1 truncate text-xs text-muted">{hint}</p>}
    </div>
  );
}
