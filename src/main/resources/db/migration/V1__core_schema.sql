-- mockupAWS core schema: scenarios, their ingested events (partitioned by month) and per-minute aggregates.
-- Performance indexes beyond keys come in their own migration (the DB performance work), so that the
-- benchmark can compare the schema with and without them.

CREATE TABLE scenarios (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    name         varchar(255) NOT NULL CHECK (length(name) >= 1),
    description  text        NOT NULL DEFAULT '',
    status       text        NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'running', 'completed', 'archived')),
    region       text        NOT NULL,
    tags         text[]      NOT NULL DEFAULT '{}',
    pipeline     jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    completed_at timestamptz,
    archived_at  timestamptz,
    -- the lifecycle's timestamps follow its states: a check keeps a bug from writing an impossible row
    CHECK (status = 'draft' OR started_at IS NOT NULL),
    CHECK (status NOT IN ('completed', 'archived') OR completed_at IS NOT NULL),
    CHECK (status <> 'archived' OR archived_at IS NOT NULL)
);

-- One row per ingested event. Raw messages are never stored: only their SHA-256 and a redacted preview.
-- Partitioned by month on the server's receive time, so old months can be detached and archived in O(1).
-- No foreign key to scenarios: a per-row FK check would tax every COPY on the hottest path; deleting a
-- scenario deletes its events explicitly in the same transaction, and ingest holds a share lock on the
-- scenario row, so no event can arrive for a scenario being deleted.
CREATE SEQUENCE scenario_logs_id_seq AS bigint CACHE 100;

CREATE TABLE scenario_logs (
    id           bigint      NOT NULL DEFAULT nextval('scenario_logs_id_seq'),
    scenario_id  uuid        NOT NULL,
    received_at  timestamptz NOT NULL,
    event_time   timestamptz,
    source       varchar(255),
    message_hash bytea       NOT NULL CHECK (length(message_hash) = 32),
    preview      text        NOT NULL,
    size_bytes   integer     NOT NULL CHECK (size_bytes >= 0),
    sqs_blocks   integer     NOT NULL CHECK (sqs_blocks >= 1),
    token_count  integer     NOT NULL CHECK (token_count >= 0),
    char_count   integer     NOT NULL CHECK (char_count >= 0),
    pii_types    text[]      NOT NULL DEFAULT '{}',
    has_pii      boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);

ALTER SEQUENCE scenario_logs_id_seq OWNED BY scenario_logs.id;

-- Per-scenario, per-minute aggregates: what insights, costs and time series read (never the raw rows).
-- "shard" spreads concurrent ingest of one scenario over several rows of the same minute, so parallel
-- requests do not queue on a single row lock; readers sum over the shards.
-- sqs_send_requests[b] = SendMessage(Batch) requests had the events been sent in consecutive groups of b
-- (b = 1..10), counted at ingest because it depends on each event's size, which is not kept per group.
CREATE TABLE scenario_metrics (
    scenario_id        uuid        NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    minute             timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
    shard              smallint    NOT NULL DEFAULT 0,
    events             bigint      NOT NULL DEFAULT 0,
    bytes              bigint      NOT NULL DEFAULT 0,
    sqs_blocks         bigint      NOT NULL DEFAULT 0,
    sqs_send_requests  bigint[]    NOT NULL DEFAULT '{0,0,0,0,0,0,0,0,0,0}',
    input_tokens       bigint      NOT NULL DEFAULT 0,
    chars              bigint      NOT NULL DEFAULT 0,
    pii_events         bigint      NOT NULL DEFAULT 0,
    pii_email          bigint      NOT NULL DEFAULT 0,
    pii_us_ssn         bigint      NOT NULL DEFAULT 0,
    pii_payment_card   bigint      NOT NULL DEFAULT 0,
    pii_phone          bigint      NOT NULL DEFAULT 0,
    pii_ipv4           bigint      NOT NULL DEFAULT 0,
    pii_ipv6           bigint      NOT NULL DEFAULT 0,
    pii_iban           bigint      NOT NULL DEFAULT 0,
    pii_aws_access_key bigint      NOT NULL DEFAULT 0,
    pii_jwt            bigint      NOT NULL DEFAULT 0,
    pii_private_key    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (scenario_id, minute, shard)
);

-- Monthly range partitions, created ahead of time by the application (at start-up and daily) and by this
-- migration. Idempotent and safe when several instances run it at once (advisory lock + IF NOT EXISTS).
CREATE FUNCTION mockupaws_ensure_monthly_partitions(parent regclass, from_month date, to_month date)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month   date := date_trunc('month', from_month)::date;
    created integer := 0;
    child   text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('mockupaws_partitions:' || parent::text));
    WHILE month <= date_trunc('month', to_month)::date LOOP
        child := parent::text || '_' || to_char(month, 'YYYY_MM');
        IF to_regclass(child) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                           child, parent::text,
                           month::timestamp AT TIME ZONE 'UTC',
                           (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
    RETURN created;
END
$$;

SELECT mockupaws_ensure_monthly_partitions('scenario_logs',
                                           (now() AT TIME ZONE 'UTC')::date,
                                           ((now() AT TIME ZONE 'UTC') + interval '3 months')::date);
