// The shapes of the mockupAWS API (snake_case, as on the wire). See the README's API overview and /v3/api-docs.

export type Role = 'user' | 'admin';
export type Tier = 'free' | 'premium' | 'enterprise';

export interface User {
  id: string;
  email: string;
  full_name: string | null;
  role: Role;
  tier: Tier;
  active: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  user: User;
}

export type ScenarioStatus = 'draft' | 'running' | 'completed' | 'archived';
export const SCENARIO_STATUSES: ScenarioStatus[] = ['draft', 'running', 'completed', 'archived'];

export interface PipelineConfig {
  sqs: { queue_type: 'standard' | 'fifo'; send_batch_size: number; include_consumer_requests: boolean };
  lambda: {
    architecture: 'x86_64' | 'arm64';
    memory_mb: number;
    duration_ms: number;
    duration_model: { base_ms: number; per_kb_ms: number } | null;
    batch_size: number;
    ephemeral_storage_mb: number;
  };
  bedrock: {
    model_id: string;
    output_tokens_per_invocation: number;
    prompt_overhead_tokens: number;
    mode: 'on_demand' | 'batch';
  };
  free_tier: boolean;
  price_overrides: {
    discount_percent: { sqs: number; lambda: number; bedrock: number };
    bedrock: { input_per_million: number; output_per_million: number } | null;
  };
}

export interface Scenario {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  status: ScenarioStatus;
  region: string;
  tags: string[];
  pipeline: PipelineConfig;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  completed_at: string | null;
  archived_at: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type Service = 'sqs' | 'lambda' | 'bedrock';
export const SERVICES: Service[] = ['sqs', 'lambda', 'bedrock'];

export const PII_TYPES = [
  'email', 'us_ssn', 'payment_card', 'phone', 'ipv4', 'ipv6', 'iban', 'aws_access_key', 'jwt', 'private_key',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface Summary {
  total_requests: number;
  total_cost_usd: number;
  sqs_blocks: number;
  sqs_requests: number;
  lambda_invocations: number;
  lambda_gb_seconds: number;
  llm_input_tokens: number;
  llm_output_tokens: number;
  llm_tokens: number;
  pii_violations: number;
  pii_by_type: Record<PiiType, number>;
  avg_cost_per_request: number;
}

export interface Line {
  month: string;
  dimension: string;
  quantity: number;
  price_per_unit: number;
  unit_quantity: number;
  unit: string;
  amount_usd: number;
}

export interface ServiceBreakdown {
  service: Service;
  cost_usd: number;
  percentage: number;
  usage: Record<string, number>;
  lines: Line[];
}

export interface Point {
  start: string;
  events: number;
  bytes: number;
  sqs_requests: number;
  lambda_invocations: number;
  lambda_gb_seconds: number;
  llm_input_tokens: number;
  llm_output_tokens: number;
  pii_events: number;
  cost_usd: number;
  cost_by_service: Record<Service, number>;
}

export interface PricingInfo {
  region: string;
  at: string;
  price_book_version: string;
}

export interface Window {
  from: string | null;
  to: string | null;
}

export type Granularity = 'minute' | 'hour' | 'day';

export interface Metrics {
  scenario_id: string;
  window: Window;
  granularity: Granularity;
  pricing: PricingInfo;
  tokens: { tokenizer: string; counted_with: string; estimated: boolean; method: string };
  summary: Summary;
  cost_breakdown: ServiceBreakdown[];
  timeseries: Point[];
}

export interface Estimate extends Metrics {
  what_if: { region: string; pipeline: PipelineConfig; saved: boolean };
}

export interface Prediction {
  method: string;
  bucket: string;
  points: number;
  slope_events_per_bucket: number;
  predicted_events: number;
  predicted_events_low: number;
  predicted_events_high: number;
  cost_usd: number;
  cost_usd_low: number;
  cost_usd_high: number;
}

export interface Projection {
  scenario_id: string;
  period: string;
  hours: number;
  observed: Window & { hours: number; summary: Summary };
  projected_summary: Summary;
  cost_breakdown: ServiceBreakdown[];
  prediction: Prediction | null;
  prediction_unavailable?: string | null;
}

export interface Comparison {
  baseline_id: string;
  window: Window;
  scenarios: {
    scenario_id: string;
    name: string;
    region: string;
    summary: Summary;
    cost_by_service: Record<Service, number>;
  }[];
  deltas: {
    scenario_id: string;
    total: { absolute_usd: number; percent: number | null };
    services: Record<Service, { absolute_usd: number; percent: number | null }>;
  }[];
}

export interface SourceStat {
  source: string;
  events: number;
  bytes: number;
  sqs_blocks: number;
  input_tokens: number;
  pii_events: number;
  cost_usd: number;
  cost_share_percent: number;
}

export interface Sources {
  scenario_id: string;
  total_cost_usd: number;
  allocation: string;
  sources: SourceStat[];
}

export type Scope = 'ingest' | 'scenarios:read' | 'scenarios:write' | 'reports' | 'admin';
export const SCOPES: Scope[] = ['ingest', 'scenarios:read', 'scenarios:write', 'reports', 'admin'];

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  events_per_second: number | null;
  created_at: string;
  expires_at: string | null;
  rotated_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  status: string;
}

export interface IssuedKey {
  id: string;
  name: string;
  key: string;
  prefix: string;
  scopes: Scope[];
  events_per_second: number | null;
  created_at: string;
  expires_at: string | null;
}

export interface PriceEntry {
  service: Service;
  region: string;
  dimension: string;
  variant: string;
  tier_start: number;
  tier_end: number | null;
  unit: string;
  unit_quantity: number;
  price_per_unit: number;
  effective_from: string;
  effective_to: string | null;
  source: string;
}

export interface BedrockModel {
  model_id: string;
  provider: string;
  display_name: string;
  tokenizer: string;
  tokens_exact: boolean;
  deprecated_at: string | null;
  regions: string[];
}

export interface AuditEntry {
  id: number;
  occurred_at: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  user_agent: string | null;
  details: unknown;
}

export interface SlowQueryGroup {
  [key: string]: unknown;
}

export interface BackupRun {
  id: string;
  kind: string;
  status: string;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  size_bytes: number | null;
  error: string | null;
  verified_at: string | null;
  deleted_at: string | null;
}

/** Reports (issue #9): written against the agreed contract; the UI shows "not available" while the API lacks it. */
export type ReportFormat = 'pdf' | 'csv';
export type ReportStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface Report {
  id: string;
  scenario_id: string;
  format: ReportFormat;
  status: ReportStatus;
  period_from?: string | null;
  period_to?: string | null;
  sections?: string[];
  include_logs?: boolean;
  size_bytes?: number | null;
  error?: string | null;
  created_at: string;
  completed_at?: string | null;
}

export interface StoredEvent {
  id: number;
  received_at: string;
  event_time: string | null;
  source: string;
  preview: string;
  size_bytes: number;
  sqs_blocks: number;
  token_count: number;
  pii_types: PiiType[];
}
