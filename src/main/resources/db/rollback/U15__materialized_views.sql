-- Undoes V15__materialized_views.sql: the views, their refresh record, and V15's line in flyway_schema_history (a
-- later `migrate` creates them again). The application version that reads the views must be stopped first: see
-- U14__performance_indexes.sql for the command that runs both in one transaction.

DROP MATERIALIZED VIEW IF EXISTS mv_monthly_costs;
DROP MATERIALIZED VIEW IF EXISTS mv_scenario_daily_stats;
DROP MATERIALIZED VIEW IF EXISTS mv_source_analytics;
DROP TABLE IF EXISTS mv_refresh_state;

DELETE FROM flyway_schema_history WHERE version = '15';
