-- Performance indexes (issue #6): one per query shape the repositories run, named as the issue names them. Undone by
-- db/rollback/U14__performance_indexes.sql (README, "Database performance"). Every statement is idempotent (IF [NOT]
-- EXISTS) so that `benchmark-db` can drop and rebuild the indexes around a bulk load with exactly these definitions.
--
-- Conventions the shapes follow:
-- * Tenancy is in every user statement (owner_id = :tenant), so a user's indexes lead with owner_id; the
--   administrator's cross-tenant statements (no owner) get their own where they matter.
-- * Lists are ordered by (sort column, id) in one direction and paged by keyset or LIMIT: a btree on
--   (filters..., sort column, id) is read in order and stops after the page; btrees read backwards as well, so one
--   index serves both directions.
-- * A partial index is used only when the statement's WHERE implies its predicate. A bind parameter implies nothing
--   to a generic (cached) plan, so the repositories write the few enumerated values these predicates test (scenario
--   status, has_pii) as literals.
-- * Predicates must be immutable: "not expired" or "the last 30 days" cannot be a predicate (now() moves); below,
--   each such index is built on a key that makes the moving bound an index range instead, and says so.
-- * scenario_logs is partitioned by month: an index created on it is created on every partition (and on every
--   partition created later), and a scan with a received_at range only visits the partitions it overlaps.

-- --- scenarios -----------------------------------------------------------------------------------------------------

-- A user's list filtered by status, newest first, and its page count (an index-only scan): the dashboard's
-- per-status tabs.
CREATE INDEX IF NOT EXISTS idx_scenarios_status_created ON scenarios (owner_id, status, created_at DESC, id DESC);

-- A user's list filtered by region (and status), newest first.
CREATE INDEX IF NOT EXISTS idx_scenarios_region_status ON scenarios (owner_id, region, status, created_at DESC, id DESC);

-- A user's default list (newest first) with the columns the list filters test, so that the page count
-- (SELECT count(*) ... WHERE owner_id = ? AND region/tag/created filters) is an index-only scan, never a visit to
-- every row of the tenant. It replaces scenarios_owner_created_idx (V12), which had the same key.
CREATE INDEX IF NOT EXISTS idx_scenarios_covering ON scenarios (owner_id, created_at DESC, id DESC)
    INCLUDE (status, region, tags);
DROP INDEX IF EXISTS scenarios_owner_created_idx;

-- Partial, across tenants (administrators, who see every tenant): the scenarios that are not archived, newest first
-- (lists of drafts and completed ones). Archived scenarios pile up over the years and are rarely listed; this index
-- holds only the others.
CREATE INDEX IF NOT EXISTS idx_scenarios_active ON scenarios (created_at DESC, id DESC)
    WHERE status <> 'archived';

-- Partial, across tenants: the running scenarios, the ones taking traffic now.
CREATE INDEX IF NOT EXISTS idx_scenarios_running ON scenarios (created_at DESC, id DESC)
    WHERE status = 'running';

-- --- scenario_logs (stored events; per partition) ------------------------------------------------------------------

-- GET /scenarios/{id}/logs in time order, with or without a from/to range (keyset on (received_at, id)); also the
-- DELETE of a scenario's events, which used to read every partition in full.
CREATE INDEX IF NOT EXISTS idx_logs_scenario_received ON scenario_logs (scenario_id, received_at, id);

-- The same list filtered by source (analytics: "what did this host send").
CREATE INDEX IF NOT EXISTS idx_logs_scenario_source ON scenario_logs (scenario_id, source, received_at, id);

-- The same list filtered by has_pii (true or false) or by a PII type (the repository adds has_pii to a pii_type
-- filter: an event with a PII type has PII), in time order: the PII report's listing.
CREATE INDEX IF NOT EXISTS idx_logs_scenario_pii ON scenario_logs (scenario_id, has_pii, received_at, id);

-- "Top logs": the list sorted by size (sort_by=size_bytes), largest first.
CREATE INDEX IF NOT EXISTS idx_logs_scenario_size ON scenario_logs (scenario_id, size_bytes, id);

-- Partial: PII events only (1 in 8 of typical traffic), with their types, so that counting PII events per type
-- and day for a report is an index-only scan of a small index.
CREATE INDEX IF NOT EXISTS idx_logs_pii_only ON scenario_logs (scenario_id, received_at) INCLUDE (pii_types)
    WHERE has_pii;

-- "Recent logs only". A partial index on the last 30 days is impossible (its predicate would need now(), which is
-- not immutable, and a fixed date goes stale). Recency is what the monthly partitions already give: a recent time
-- range touches one or two partitions. Within them, events are stored in arrival order, so a BRIN index on
-- received_at (a few kB per partition, nothing to maintain per row) finds the blocks of the last hours or days
-- for statements over every scenario at once (the archiver's "older than", operators' "what arrived since").
CREATE INDEX IF NOT EXISTS idx_logs_recent ON scenario_logs USING brin (received_at) WITH (pages_per_range = 32);

-- Aggregates over a scenario's events in a time window (counts, bytes, blocks, tokens by source or PII) as
-- index-only scans: the key is the window, the payload the summed columns, never the 512-character previews.
CREATE INDEX IF NOT EXISTS idx_logs_covering ON scenario_logs (scenario_id, received_at)
    INCLUDE (source, size_bytes, sqs_blocks, token_count, has_pii);

-- --- metrics -------------------------------------------------------------------------------------------------------
-- scenario_metrics has no "type" or "name" column: one row per scenario, minute and shard carries every cost driver
-- as a column (events, bytes, blocks, tokens, PII counts). Its primary key (scenario_id, minute, shard) already is
-- the scenario + time (+ shard) index every insights read and the hourly rollup use; it is renamed to the issue's
-- name rather than doubled. The metrics of a scenario by name are those of its named sources
-- (scenario_source_stats, one row per scenario, source and shard), whose primary key serves the per-source read.
ALTER INDEX IF EXISTS scenario_metrics_pkey RENAME TO idx_metrics_scenario_time_type;
ALTER INDEX IF EXISTS scenario_source_stats_pkey RENAME TO idx_metrics_scenario_name;

-- --- reports -------------------------------------------------------------------------------------------------------

-- A scenario's reports, newest first; also the cascade when a scenario is deleted.
CREATE INDEX IF NOT EXISTS idx_reports_scenario_created ON reports (scenario_id, created_at DESC, id DESC);

-- --- api_keys ------------------------------------------------------------------------------------------------------
-- "A user's live keys" (the per-user key limit counts them at every creation): not revoked and not expired. Expiry
-- moves with now(), so it cannot be a predicate; the live keys are split in two partial indexes instead, and the
-- count's (expires_at IS NULL OR expires_at > now()) becomes a bitmap OR of both, the second one as a range on
-- expires_at. A key lookup by secret uses the unique key_hash index (V10).

-- Live keys that never expire.
CREATE INDEX IF NOT EXISTS idx_apikeys_active ON api_keys (user_id)
    WHERE revoked_at IS NULL AND expires_at IS NULL;

-- Live keys with an expiry, by expiry: the ones still valid are a range (expires_at > now()).
CREATE INDEX IF NOT EXISTS idx_apikeys_valid ON api_keys (user_id, expires_at)
    WHERE revoked_at IS NULL AND expires_at IS NOT NULL;
