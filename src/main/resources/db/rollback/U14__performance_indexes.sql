-- Undoes V14__performance_indexes.sql: the schema as V13 left it. Run it after U15 (if V15 is applied), with the
-- application stopped and its previous version ready to start (code and schema go back together):
--
--   psql "$DATABASE" -v ON_ERROR_STOP=1 --single-transaction -f U15__materialized_views.sql -f U14__performance_indexes.sql
--
-- It removes V14's line from flyway_schema_history, so a later `migrate` applies V14 again. Dropping an index takes
-- an exclusive lock on its table for a moment; ingest waits for it.

DROP INDEX IF EXISTS idx_scenarios_status_created;
DROP INDEX IF EXISTS idx_scenarios_region_status;
CREATE INDEX IF NOT EXISTS scenarios_owner_created_idx ON scenarios (owner_id, created_at DESC, id DESC);
DROP INDEX IF EXISTS idx_scenarios_covering;
DROP INDEX IF EXISTS idx_scenarios_active;
DROP INDEX IF EXISTS idx_scenarios_running;

DROP INDEX IF EXISTS idx_logs_scenario_received;
DROP INDEX IF EXISTS idx_logs_scenario_source;
DROP INDEX IF EXISTS idx_logs_scenario_pii;
DROP INDEX IF EXISTS idx_logs_scenario_size;
DROP INDEX IF EXISTS idx_logs_pii_only;
DROP INDEX IF EXISTS idx_logs_recent;
DROP INDEX IF EXISTS idx_logs_covering;

ALTER INDEX IF EXISTS idx_metrics_scenario_time_type RENAME TO scenario_metrics_pkey;
ALTER INDEX IF EXISTS idx_metrics_scenario_name RENAME TO scenario_source_stats_pkey;

DROP INDEX IF EXISTS idx_reports_scenario_created;

DROP INDEX IF EXISTS idx_apikeys_active;
DROP INDEX IF EXISTS idx_apikeys_valid;

DELETE FROM flyway_schema_history WHERE version = '14';
