-- Statements slower than MOCKUPAWS_SLOW_QUERY_MS, recorded in-process (see SlowQueryLog). Bounded retention:
-- rows older than mockupaws.slow-query.retention-days are deleted hourly.
CREATE TABLE query_performance_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    logged_at      timestamptz   NOT NULL,
    sql_hash       text          NOT NULL,
    sql_text       text          NOT NULL,
    duration_ms    numeric(12,3) NOT NULL,
    rows           bigint,
    origin         text,
    statement_type text
);
CREATE INDEX query_performance_log_time_idx ON query_performance_log (logged_at);
CREATE INDEX query_performance_log_hash_idx ON query_performance_log (sql_hash, logged_at);
