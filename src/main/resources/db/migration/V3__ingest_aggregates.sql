-- Aggregates maintained by ingest in the same transaction as the events, so a 2xx answer means every
-- figure that depends on the events is committed too. Both are sharded like scenario_metrics: concurrent
-- requests for one scenario update different rows instead of queueing on one row lock.

-- Per source (host, service, shipper's "source"): what the per-source analytics read instead of raw rows.
-- An event without a source is counted under '' (unknown).
CREATE TABLE scenario_source_stats (
    scenario_id  uuid     NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    source       text     NOT NULL,
    shard        smallint NOT NULL DEFAULT 0,
    events       bigint   NOT NULL DEFAULT 0,
    bytes        bigint   NOT NULL DEFAULT 0,
    sqs_blocks   bigint   NOT NULL DEFAULT 0,
    input_tokens bigint   NOT NULL DEFAULT 0,
    pii_events   bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (scenario_id, source, shard)
);

-- Running totals of a scenario: the counters an ingest answer (and /flush) returns, read as a sum of at most
-- a handful of shard rows instead of summing every minute of the scenario's life.
CREATE TABLE scenario_ingest_totals (
    scenario_id  uuid        NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    shard        smallint    NOT NULL,
    events       bigint      NOT NULL DEFAULT 0,
    bytes        bigint      NOT NULL DEFAULT 0,
    sqs_blocks   bigint      NOT NULL DEFAULT 0,
    input_tokens bigint      NOT NULL DEFAULT 0,
    pii_events   bigint      NOT NULL DEFAULT 0,
    requests     bigint      NOT NULL DEFAULT 0,
    last_event_at timestamptz,
    PRIMARY KEY (scenario_id, shard)
);
