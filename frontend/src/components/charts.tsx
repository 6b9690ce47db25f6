import { useState, type ReactNode } from 'react';
import {
  Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, Pie, PieChart, ResponsiveContainer,
  Tooltip, XAxis, YAxis,
} from 'recharts';
import { BarChart3, Table2 } from 'lucide-react';
import { useI18n } from '../i18n/I18n';
import { Button, Card } from './ui';

/**
 * A chart with its text alternative: the chart is an image with a one-sentence summary for screen readers, and a
 * button swaps it for a table with every figure (WCAG 1.1.1; also handy for copying numbers).
 */
export function ChartFrame({
  title, description, summary, table, children, actions, height = 280, className, footer,
}: {
  /** shown under the chart (not the table): key figures in words */
  footer?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  summary: string;
  table: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  height?: number;
  className?: string;
}) {
  const { t } = useI18n();
  const [asTable, setAsTable] = useState(false);
  return (
    <Card
      className={className}
      title={title}
      description={description}
      actions={
        <>
          {actions}
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
            icon={asTable ? <BarChart3 className="size-4" aria-hidden /> : <Table2 className="size-4" aria-hidden />}
          >
            {asTable ? t('common.showChart') : t('common.showTable')}
          </Button>
        </>
      }
    >
      {asTable ? (
        <div className="max-h-[420px] overflow-auto">{table}</div>
      ) : (
        <>
          <div role="img" aria-label={summary} className="px-3 pt-4 pb-2" style={{ height }}>
            {children}
          </div>
          {footer}
        </>
      )}
    </Card>
  );
}

export const axisProps = {
  tickLine: false,
  axisLine: false,
  tick: { fontSize: 12 },
} as const;

export function tooltipStyle() {
  return {
    contentStyle: {
      background: 'var(--surface)',
      border: '1px solid var(--line)',
      borderRadius: 10,
      color: 'var(--fg)',
      fontSize: 12.5,
      boxShadow: 'var(--shadow)',
    },
    labelStyle: { color: 'var(--fg)', fontWeight: 600, marginBottom: 4 },
    itemStyle: { color: 'var(--fg)', padding: 0 },
    cursor: { fill: 'var(--surface-2)', opacity: 0.6 },
  };
}

export interface Slice {
  key: string;
  label: string;
  value: number;
  color: string;
}

export function DonutChart({ data, center }: { data: Slice[]; center?: ReactNode }) {
  const { usd } = useI18n();
  const nonZero = data.filter((d) => d.value > 0);
  return (
    <div className="relative h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart accessibilityLayer={false}>
          <Pie
            data={nonZero.length ? nonZero : [{ key: 'none', label: '', value: 1, color: 'var(--line)' }]}
            dataKey="value"
            nameKey="label"
            innerRadius="62%"
            outerRadius="92%"
            paddingAngle={nonZero.length > 1 ? 2 : 0}
            stroke="var(--surface)"
            strokeWidth={2}
            isAnimationActive={false}
          >
            {(nonZero.length ? nonZero : [{ key: 'none', color: 'var(--line)' }]).map((d) => (
              <Cell key={d.key} fill={d.color} />
            ))}
          </Pie>
          {nonZero.length > 0 && <Tooltip {...tooltipStyle()} formatter={(v) => usd(Number(v))} />}
        </PieChart>
      </ResponsiveContainer>
      {center && <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center text-center">{center}</div>}
    </div>
  );
}

export interface SeriesDef {
  key: string;
  label: string;
  color: string;
}

export function StackedArea({
  data, series, xKey, xFormat, yFormat,
}: {
  data: Record<string, number | string>[];
  series: SeriesDef[];
  xKey: string;
  xFormat: (v: string) => string;
  yFormat: (v: number) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <defs>
          {series.map((s) => (
            <linearGradient key={s.key} id={`grad-${s.key.replace(/[^a-z0-9]/gi, '')}`} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor={s.color} stopOpacity={0.45} />
              <stop offset="100%" stopColor={s.color} stopOpacity={0.05} />
            </linearGradient>
          ))}
        </defs>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey={xKey} tickFormatter={xFormat} minTickGap={28} {...axisProps} />
        <YAxis tickFormatter={yFormat} width={76} {...axisProps} />
        <Tooltip {...tooltipStyle()} labelFormatter={(l) => xFormat(String(l))} formatter={(v) => yFormat(Number(v))} />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Area
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stackId="1"
            stroke={s.color}
            strokeWidth={1.75}
            fill={`url(#grad-${s.key.replace(/[^a-z0-9]/gi, '')})`}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}

export function BarsWithLine({
  data, xKey, bar, line, xFormat, yFormat,
}: {
  data: Record<string, number | string>[];
  xKey: string;
  bar: SeriesDef;
  line: SeriesDef;
  xFormat: (v: string) => string;
  yFormat: (v: number) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey={xKey} tickFormatter={xFormat} minTickGap={28} {...axisProps} />
        <YAxis tickFormatter={yFormat} width={64} {...axisProps} />
        <Tooltip {...tooltipStyle()} labelFormatter={(l) => xFormat(String(l))} formatter={(v) => yFormat(Number(v))} />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey={bar.key} name={bar.label} fill={bar.color} radius={[4, 4, 0, 0]} maxBarSize={28} isAnimationActive={false} />
        <Line dataKey={line.key} name={line.label} stroke={line.color} strokeWidth={2} dot={false} type="monotone" isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function HorizontalBars({
  data, format, color,
}: {
  data: { label: string; value: number; color?: string }[];
  format: (v: number) => string;
  color: string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={format} {...axisProps} />
        <YAxis type="category" dataKey="label" width={200} {...axisProps} />
        <Tooltip {...tooltipStyle()} formatter={(v) => format(Number(v))} />
        <Bar dataKey="value" radius={[0, 4, 4, 0]} maxBarSize={22} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.color ?? color} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function GroupedBars({
  data, xKey, series, yFormat, xFormat, stacked,
}: {
  data: Record<string, number | string>[];
  xKey: string;
  series: SeriesDef[];
  yFormat: (v: number) => string;
  xFormat?: (v: string) => string;
  /** one stacked bar per x instead of a group */
  stacked?: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey={xKey} tickFormatter={xFormat} minTickGap={16} {...axisProps} />
        <YAxis tickFormatter={yFormat} width={76} {...axisProps} />
        <Tooltip {...tooltipStyle()} labelFormatter={xFormat ? (l) => xFormat(String(l)) : undefined} formatter={(v) => yFormat(Number(v))} />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.color}
            stackId={stacked ? 'stack' : undefined}
            radius={stacked ? (i === series.length - 1 ? [4, 4, 0, 0] : 0) : [4, 4, 0, 0]}
            maxBarSize={stacked ? 44 : 36}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A palette for per-scenario series (distinct hues that read on both themes). */
export const SERIES_COLORS = ['#6366f1', '#0ea5a4', '#f59e0b', '#ec4899', '#8b5cf6', '#10b981', '#ef4444', '#3b82f6', '#84cc16', '#f97316'];
