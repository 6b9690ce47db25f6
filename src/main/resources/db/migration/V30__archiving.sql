-- Archiving of old data (issue #8): policies, the archive tables the mover fills, its run history, and the views that
-- read live and archived rows as one. The mover itself is io.mockupaws.archive; see the README's "Archiving".

-- What is archived after how long. The behaviour per table (aggregate, compress, object_storage) is what the mover
-- implements for that table and is shown for information; operators change archive_after_days.
CREATE TABLE archive_policies (
    table_name         text        PRIMARY KEY CHECK (table_name IN ('scenario_logs', 'scenario_metrics', 'reports')),
    archive_after_days integer     NOT NULL CHECK (archive_after_days BETWEEN 1 AND 36500),
    aggregate          text        NOT NULL CHECK (aggregate IN ('none', 'daily')),
    compress           boolean     NOT NULL,
    object_storage     boolean     NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    updated_by         uuid
);

-- The v1.0.0 policy.
INSERT INTO archive_policies (table_name, archive_after_days, aggregate, compress, object_storage) VALUES
    ('scenario_logs',    365, 'none',  false, false),
    ('scenario_metrics', 730, 'daily', false, false),
    ('reports',          180, 'none',  true,  true);

-- Archived events. Same columns, NOT NULLs and CHECK constraints (same names) as scenario_logs, because a whole month
-- moves here by DETACH from scenario_logs and ATTACH to this table, which PostgreSQL allows only between compatible
-- tables: a column added to scenario_logs must be added here too. No id default: rows arrive with their ids.
-- The index set is deliberately small (the key, and one for a scenario's events by time: listing and deleting a
-- scenario); before a month is attached, the mover builds any of these the month lacks, concurrently.
CREATE TABLE scenario_logs_archive (LIKE scenario_logs INCLUDING CONSTRAINTS) PARTITION BY RANGE (received_at);
ALTER TABLE scenario_logs_archive ADD PRIMARY KEY (id, received_at);
CREATE INDEX idx_scenario_logs_archive_scenario ON scenario_logs_archive (scenario_id, received_at);

-- Like scenario_logs, partitions exist 3 months ahead (PartitionMaintenance), so a month that is archived row by row
-- finds its partition; older months are created by the mover when it needs them.
SELECT mockupaws_ensure_monthly_partitions('scenario_logs_archive',
                                           (now() AT TIME ZONE 'UTC')::date,
                                           ((now() AT TIME ZONE 'UTC') + interval '3 months')::date);

-- Metrics past their policy, one row per scenario and UTC day: the day's sums (shards and minutes added up) and, as in
-- scenario_metrics_hourly, the per-minute figures that are not linear (events, bytes, characters of each minute with
-- traffic), so invocations ceil(N/b), the duration model and a token re-estimate still apply minute by minute and a
-- scenario's totals and costs are the same before and after archiving. first/last_minute keep its traffic extent.
CREATE TABLE scenario_metrics_archive (
    scenario_id        uuid        NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    day                timestamptz NOT NULL CHECK (date_trunc('day', day, 'UTC') = day),
    minutes            integer     NOT NULL CHECK (minutes >= 1),
    first_minute       timestamptz NOT NULL,
    last_minute        timestamptz NOT NULL,
    events             bigint      NOT NULL,
    bytes              bigint      NOT NULL,
    sqs_blocks         bigint      NOT NULL,
    sqs_send_requests  bigint[]    NOT NULL,
    input_tokens       bigint      NOT NULL,
    chars              bigint      NOT NULL,
    pii_events         bigint      NOT NULL,
    pii_email          bigint      NOT NULL,
    pii_us_ssn         bigint      NOT NULL,
    pii_payment_card   bigint      NOT NULL,
    pii_phone          bigint      NOT NULL,
    pii_ipv4           bigint      NOT NULL,
    pii_ipv6           bigint      NOT NULL,
    pii_iban           bigint      NOT NULL,
    pii_aws_access_key bigint      NOT NULL,
    pii_jwt            bigint      NOT NULL,
    pii_private_key    bigint      NOT NULL,
    minute_events      bigint[]    NOT NULL,
    minute_bytes       bigint[]    NOT NULL,
    minute_chars       bigint[]    NOT NULL,
    archived_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scenario_id, day),
    CHECK (first_minute >= day AND last_minute < day + interval '1 day' AND first_minute <= last_minute)
);

-- Reports whose file moved, gzip-compressed, to the object store: the report row as it was (LIKE keeps its columns in
-- order, so the mover copies a row with reports.*), plus where the compressed file is.
CREATE TABLE reports_archive (LIKE reports INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE reports_archive
    ADD PRIMARY KEY (id),
    ADD FOREIGN KEY (scenario_id) REFERENCES scenarios (id) ON DELETE CASCADE,
    ADD FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
    ADD COLUMN archived_at        timestamptz NOT NULL DEFAULT now(),
    -- null when the report had no file (failed) or its file was already gone from the store
    ADD COLUMN archive_object_key text,
    ADD COLUMN archive_size_bytes bigint CHECK (archive_size_bytes >= 0),
    ADD COLUMN archive_sha256     bytea  CHECK (length(archive_sha256) = 32),
    -- set once the uncompressed original is deleted from the store (after the row moved); null = still to delete
    ADD COLUMN source_deleted_at  timestamptz;
CREATE INDEX idx_reports_archive_scenario ON reports_archive (scenario_id, created_at DESC);

-- One row per table per run (run_id groups the tables of one run). records_archived and bytes_moved are updated in
-- the transaction of each batch, so after a crash they say exactly what had moved.
CREATE TABLE archive_jobs (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    run_id           uuid        NOT NULL,
    type             text        NOT NULL CHECK (type IN ('logs', 'metrics', 'reports')),
    trigger          text        NOT NULL CHECK (trigger IN ('cli', 'api', 'schedule')),
    status           text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'skipped')),
    requested_by     uuid,
    cutoff           timestamptz,
    batch_size       integer,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    records_archived bigint      NOT NULL DEFAULT 0,
    bytes_moved      bigint      NOT NULL DEFAULT 0,
    partitions_moved integer     NOT NULL DEFAULT 0,
    batches          integer     NOT NULL DEFAULT 0,
    error            text,
    CHECK (status = 'running' OR finished_at IS NOT NULL)
);
CREATE INDEX idx_archive_jobs_started ON archive_jobs (started_at DESC);
CREATE INDEX idx_archive_jobs_type_started ON archive_jobs (type, started_at DESC);

-- Live ∪ archive. UNION ALL of plain column lists: the planner flattens it and pushes a reader's predicates
-- (scenario_id, received_at ranges, ORDER BY ... LIMIT through a Merge Append) into both sides, so the live path
-- costs what it did plus an index probe of the archive.
CREATE VIEW v_scenario_logs_all AS
    SELECT id, scenario_id, received_at, event_time, source, message_hash, preview, size_bytes, sqs_blocks, token_count,
           char_count, pii_types, has_pii, false AS archived
    FROM scenario_logs
    UNION ALL
    SELECT id, scenario_id, received_at, event_time, source, message_hash, preview, size_bytes, sqs_blocks, token_count,
           char_count, pii_types, has_pii, true
    FROM scenario_logs_archive;

-- Per-minute shard rows (resolution 'minute') ∪ archived days (resolution 'day'). A reader that applies per-minute
-- formulas sums a minute's shards first, and for a day uses the minute_* arrays.
CREATE VIEW v_scenario_metrics_all AS
    SELECT scenario_id, minute AS period_start, 'minute'::text AS resolution, shard, events, bytes, sqs_blocks,
           sqs_send_requests, input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone,
           pii_ipv4, pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key,
           1 AS minutes, minute AS first_minute, minute AS last_minute,
           NULL::bigint[] AS minute_events, NULL::bigint[] AS minute_bytes, NULL::bigint[] AS minute_chars,
           false AS archived
    FROM scenario_metrics
    UNION ALL
    SELECT scenario_id, day, 'day', 0::smallint, events, bytes, sqs_blocks,
           sqs_send_requests, input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone,
           pii_ipv4, pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key,
           minutes, first_minute, last_minute, minute_events, minute_bytes, minute_chars, true
    FROM scenario_metrics_archive;

-- Rows and bytes per table, live and archived, with the policy and the last run. Row counts are the planner's
-- estimates (pg_class.reltuples, kept by autovacuum's ANALYZE): an exact count of a year of events would be a scan.
-- Bytes are pg_total_relation_size (heap, indexes, TOAST) summed over partitions; archive_object_bytes is what the
-- archived reports' compressed files take in the object store.
CREATE VIEW v_archive_statistics AS
WITH rel AS (
    SELECT t.name, greatest(c.reltuples, 0)::bigint AS est_rows, pg_total_relation_size(c.oid) AS bytes
    FROM (VALUES ('scenario_logs'), ('scenario_logs_archive'), ('scenario_metrics'), ('scenario_metrics_archive'),
                 ('reports'), ('reports_archive')) AS t(name)
    -- the leaves of a partitioned table; a plain table is its own (pg_partition_tree returns nothing for it)
    CROSS JOIN LATERAL (SELECT relid FROM pg_partition_tree(t.name::regclass) WHERE isleaf
                        UNION ALL
                        SELECT t.name::regclass WHERE NOT EXISTS (SELECT 1 FROM pg_partition_tree(t.name::regclass))) p
    JOIN pg_class c ON c.oid = p.relid
), sizes AS (
    SELECT name, sum(est_rows)::bigint AS est_rows, sum(bytes)::bigint AS bytes FROM rel GROUP BY name
), tables AS (
    SELECT * FROM (VALUES ('scenario_logs', 'logs', 'scenario_logs_archive'),
                          ('scenario_metrics', 'metrics', 'scenario_metrics_archive'),
                          ('reports', 'reports', 'reports_archive')) AS t(table_name, job_type, archive_table)
)
SELECT t.table_name, t.archive_table, p.archive_after_days, p.aggregate, p.compress, p.object_storage,
       coalesce(live.est_rows, 0) AS live_rows, coalesce(live.bytes, 0) AS live_bytes,
       coalesce(arch.est_rows, 0) AS archive_rows, coalesce(arch.bytes, 0) AS archive_bytes,
       CASE WHEN t.table_name = 'reports'
            THEN (SELECT coalesce(sum(archive_size_bytes), 0) FROM reports_archive) ELSE 0 END::bigint AS archive_object_bytes,
       last.started_at AS last_run_at, last.finished_at AS last_run_finished_at, last.status AS last_run_status,
       last.records_archived AS last_run_records, last.bytes_moved AS last_run_bytes, last.error AS last_run_error,
       (SELECT max(finished_at) FROM archive_jobs j WHERE j.type = t.job_type AND j.status = 'completed') AS last_success_at
FROM tables t
JOIN archive_policies p ON p.table_name = t.table_name
LEFT JOIN sizes live ON live.name = t.table_name
LEFT JOIN sizes arch ON arch.name = t.archive_table
LEFT JOIN LATERAL (SELECT * FROM archive_jobs j WHERE j.type = t.job_type AND j.status <> 'skipped'
                   ORDER BY j.started_at DESC LIMIT 1) last ON true;
