import { useQuery } from '@tanstack/react-query';
import { pricing, scenarios } from './endpoints';
import type { Granularity, Scenario } from './types';

export const keys = {
  scenarios: ['scenarios'] as const,
  scenario: (id: string) => ['scenario', id] as const,
  metrics: (id: string, g: Granularity) => ['metrics', id, g] as const,
  projection: (id: string) => ['projection', id] as const,
  sources: (id: string) => ['sources', id] as const,
  models: ['models'] as const,
  prices: ['prices'] as const,
  apiKeys: ['api-keys'] as const,
  reports: (id: string) => ['reports', id] as const,
};

/** How often a running scenario's figures are refreshed: the "live" feel while traffic arrives. */
export const LIVE_INTERVAL_MS = 4000;

export function useScenario(id: string) {
  return useQuery({
    queryKey: keys.scenario(id),
    queryFn: () => scenarios.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? LIVE_INTERVAL_MS * 4 : false),
  });
}

export function useMetrics(scenario: Scenario | undefined, granularity: Granularity = 'hour') {
  return useQuery({
    queryKey: keys.metrics(scenario?.id ?? '', granularity),
    queryFn: () => scenarios.metrics(scenario!.id, granularity),
    enabled: !!scenario,
    refetchInterval: scenario?.status === 'running' ? LIVE_INTERVAL_MS : false,
    refetchIntervalInBackground: false,
    placeholderData: (prev) => prev,
  });
}

export function useProjection(scenario: Scenario | undefined) {
  return useQuery({
    queryKey: keys.projection(scenario?.id ?? ''),
    queryFn: () => scenarios.projection(scenario!.id),
    enabled: !!scenario,
    refetchInterval: scenario?.status === 'running' ? LIVE_INTERVAL_MS * 4 : false,
    placeholderData: (prev) => prev,
  });
}

export function useModels() {
  return useQuery({ queryKey: keys.models, queryFn: pricing.models, staleTime: 10 * 60_000 });
}

/** Regions the price book has prices for (a scenario elsewhere cannot be priced until they are imported). */
export function usePricedRegions() {
  return useQuery({
    queryKey: keys.prices,
    queryFn: () => pricing.prices(),
    staleTime: 10 * 60_000,
    select: (d) => [...new Set(d.prices.map((p) => p.region))].sort(),
  });
}
