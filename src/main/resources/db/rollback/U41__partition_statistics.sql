-- Undoes V41__partition_statistics.sql: the per-partition (scenario_id, source) statistics, their function, and
-- V41's line in flyway_schema_history (a later `migrate` creates them again). Run it before U15 and U14 when taking
-- the schema back to V13 (see README, "Database performance"); on its own it only costs the planner its estimate of
-- a scenario's busiest sources — the application version before it does not call the function.

DO $$
DECLARE
    s record;
BEGIN
    FOR s IN SELECT stxname FROM pg_statistic_ext WHERE stxname LIKE 'scenario\_logs\_%\_scenario\_source' LOOP
        EXECUTE format('DROP STATISTICS %I', s.stxname);
    END LOOP;
END
$$;
DROP FUNCTION IF EXISTS mockupaws_ensure_partition_statistics();

DELETE FROM flyway_schema_history WHERE version = '41';
