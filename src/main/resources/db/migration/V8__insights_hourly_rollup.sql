-- Insights' hourly rollup of scenario_metrics. Pricing 30 days of traffic from the raw table means aggregating
-- 43,200 minutes × shards per request (~100 ms on the reference machine); from this table it is 720 rows.
-- An hour is rolled up once it is closed (ended more than a grace period ago): ingest writes the current minute,
-- so a closed hour does not change. The per-minute figures that are not linear (invocations ceil(N/b), the
-- duration model, a chars/N token estimate) are kept as per-minute arrays (shards summed, minutes with traffic
-- only), so a what-if can still apply them minute by minute. Owned by the insights module; derived data only.

CREATE TABLE scenario_metrics_hourly (
    scenario_id        uuid        NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    hour               timestamptz NOT NULL CHECK (date_trunc('hour', hour, 'UTC') = hour),
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
    PRIMARY KEY (scenario_id, hour)
);

-- Every hour of the scenario before rolled_until is in scenario_metrics_hourly (an hour without traffic has no
-- row); readers take those hours from the rollup and the rest from scenario_metrics. To have hours rolled again
-- (a writer that changes a closed hour), lower rolled_until: the next run recomputes from there.
CREATE TABLE scenario_metrics_rollup (
    scenario_id  uuid        PRIMARY KEY REFERENCES scenarios (id) ON DELETE CASCADE,
    rolled_until timestamptz NOT NULL CHECK (date_trunc('hour', rolled_until, 'UTC') = rolled_until)
);
