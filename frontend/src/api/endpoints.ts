import { api, request, send } from './client';
import type {
  ApiKey, AuditEntry, BackupRun, BedrockModel, Comparison, Estimate, Granularity, IssuedKey, Metrics, Page,
  PipelineConfig, PriceEntry, Projection, Report, ReportFormat, Scenario, ScenarioStatus, Scope, Sources,
  StoredEvent, Tokens, User,
} from './types';

export interface ScenarioFilters {
  search?: string;
  status?: ScenarioStatus | '';
  region?: string;
  tag?: string;
  created_from?: string;
  created_to?: string;
  sort_by?: 'created_at' | 'updated_at' | 'name' | 'status';
  sort_order?: 'asc' | 'desc';
  page?: number;
  page_size?: number;
}

export interface ScenarioInput {
  name: string;
  description?: string;
  region?: string;
  tags?: string[];
  pipeline?: PipelineConfig;
}

export interface WhatIf {
  region?: string;
  pipeline?: Partial<{ [K in keyof PipelineConfig]: Partial<PipelineConfig[K]> | PipelineConfig[K] }>;
}

export const auth = {
  login: (email: string, password: string) =>
    request<Tokens>('/api/v1/auth/login', { method: 'POST', body: { email, password }, anonymous: true }),
  register: (email: string, password: string, full_name?: string) =>
    request<User>('/api/v1/auth/register', {
      method: 'POST', body: { email, password, full_name: full_name || undefined }, anonymous: true,
    }),
  forgot: (email: string) =>
    request<void>('/api/v1/auth/forgot-password', { method: 'POST', body: { email }, anonymous: true }),
  reset: (token: string, new_password: string) =>
    request<void>('/api/v1/auth/reset-password', { method: 'POST', body: { token, new_password }, anonymous: true }),
  logout: () => api.post<void>('/api/v1/auth/logout'),
  me: () => api.get<User>('/api/v1/auth/me'),
  changePassword: (current_password: string, new_password: string) =>
    api.post<Tokens>('/api/v1/auth/change-password', { current_password, new_password }),
};

export const scenarios = {
  list: (f: ScenarioFilters) => api.get<Page<Scenario>>('/api/v1/scenarios', { ...f }),
  get: (id: string) => api.get<Scenario>(`/api/v1/scenarios/${id}`),
  create: (body: ScenarioInput) => api.post<Scenario>('/api/v1/scenarios', body),
  update: (id: string, body: Partial<ScenarioInput>) => api.put<Scenario>(`/api/v1/scenarios/${id}`, body),
  remove: (id: string) => api.del<void>(`/api/v1/scenarios/${id}`),
  transition: (id: string, action: 'start' | 'stop' | 'archive') =>
    api.post<Scenario>(`/api/v1/scenarios/${id}/${action}`),
  metrics: (id: string, granularity: Granularity = 'hour', from?: string, to?: string) =>
    api.get<Metrics>(`/api/v1/scenarios/${id}/metrics`, { granularity, from, to }),
  estimate: (id: string, body: WhatIf) => api.post<Estimate>(`/api/v1/scenarios/${id}/estimate`, body),
  projection: (id: string) => api.get<Projection>(`/api/v1/scenarios/${id}/projection`, { period: 'month' }),
  sources: (id: string) => api.get<Sources>(`/api/v1/scenarios/${id}/sources`),
  logs: (id: string, query: Record<string, string | number | boolean | undefined>) =>
    api.get<{ items: StoredEvent[]; next_cursor: string | null }>(`/api/v1/scenarios/${id}/logs`, query),
  compare: (scenario_ids: string[], baseline_id?: string) =>
    api.post<Comparison>('/api/v1/scenarios/compare', { scenario_ids, baseline_id }),
};

export const apiKeys = {
  list: () => api.get<ApiKey[]>('/api/v1/api-keys'),
  create: (body: { name: string; scopes: Scope[]; expires_at?: string; events_per_second?: number }) =>
    api.post<IssuedKey>('/api/v1/api-keys', body),
  rotate: (id: string) => api.post<IssuedKey>(`/api/v1/api-keys/${id}/rotate`),
  revoke: (id: string) => api.del<void>(`/api/v1/api-keys/${id}`),
};

export const pricing = {
  prices: (service?: string, region?: string) =>
    api.get<{ at: string; prices: PriceEntry[] }>('/api/v1/pricing', { service, region }),
  models: () => api.get<{ at: string; models: BedrockModel[] }>('/api/v1/pricing/models'),
};

/** Reports: POST/GET /api/v1/scenarios/{id}/reports, GET /api/v1/reports/{id}, GET /api/v1/reports/{id}/download */
export const reports = {
  list: async (scenarioId: string): Promise<Report[]> => {
    const r = await api.get<Report[] | { items: Report[] }>(`/api/v1/scenarios/${scenarioId}/reports`);
    return Array.isArray(r) ? r : r.items;
  },
  create: (scenarioId: string, body: { format: ReportFormat; from?: string; to?: string; include_logs?: boolean }) =>
    api.post<Report>(`/api/v1/scenarios/${scenarioId}/reports`, body),
  get: (id: string) => api.get<Report>(`/api/v1/reports/${id}`),
  /** Downloads with the bearer token (a plain link could not carry it) and hands the file to the browser. */
  download: async (report: Report) => {
    const res = await send(`/api/v1/reports/${report.id}/download`);
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : `report-${report.id.slice(0, 8)}.${report.format}`;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  },
};

export const admin = {
  audit: (query: Record<string, string | number | undefined>) => api.get<Page<AuditEntry>>('/api/v1/audit', query),
  slowQueries: () =>
    api.get<{ threshold_ms: number; dropped: number; queries: Record<string, unknown>[] }>('/api/v1/admin/slow-queries'),
  topQueries: () =>
    api.get<{ available?: boolean; queries?: Record<string, unknown>[] } & Record<string, unknown>>(
      '/api/v1/admin/top-queries'),
  backups: () => api.get<{ runs?: BackupRun[]; items?: BackupRun[] } & Record<string, unknown>>('/api/v1/admin/backups'),
  /** archive statistics (the archive feature, being built in parallel) */
  archive: () => api.get<Record<string, unknown>>('/api/v1/admin/archive/statistics'),
  jobs: () => api.get<Record<string, unknown>>('/api/v1/admin/jobs'),
  cache: () => api.get<Record<string, unknown>>('/api/v1/admin/cache'),
  users: (page = 1) => api.get<Page<User>>('/api/v1/admin/users', { page, page_size: 50 }),
};
