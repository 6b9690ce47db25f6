-- Reports (issue #9) and their schedules. Created here, ahead of the report code, because three features share
-- the table: reports write it, the performance migration indexes it (idx_reports_scenario_created) and the
-- archiver moves old rows to reports_archive once their file is in the object store.
CREATE TABLE report_schedules (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scenario_id  uuid         NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    frequency    text         NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    hour         smallint     NOT NULL CHECK (hour BETWEEN 0 AND 23),
    -- weekly: 1 (Monday) .. 7; monthly: 1 .. 28; null for daily
    day          smallint     CHECK (day BETWEEN 1 AND 28),
    timezone     text         NOT NULL DEFAULT 'UTC',
    format       text         NOT NULL CHECK (format IN ('pdf', 'csv')),
    recipients   text[]       NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
    enabled      boolean      NOT NULL DEFAULT true,
    next_run_at  timestamptz  NOT NULL,
    last_run_at  timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX idx_report_schedules_due ON report_schedules (next_run_at) WHERE enabled;
CREATE INDEX idx_report_schedules_owner ON report_schedules (owner_id, created_at DESC);

CREATE TABLE reports (
    id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id   uuid         NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    owner_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    schedule_id   uuid         REFERENCES report_schedules (id) ON DELETE SET NULL,
    format        text         NOT NULL CHECK (format IN ('pdf', 'csv')),
    status        text         NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'running', 'completed', 'failed')),
    period_from   timestamptz,
    period_to     timestamptz,
    sections      text[]       NOT NULL DEFAULT '{}',
    include_logs  boolean      NOT NULL DEFAULT false,
    -- where the file lives in the object store once completed; size and digest of what was stored
    object_key    text,
    size_bytes    bigint       CHECK (size_bytes >= 0),
    sha256        bytea        CHECK (length(sha256) = 32),
    error         text,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    started_at    timestamptz,
    completed_at  timestamptz,
    CHECK (status <> 'completed' OR (object_key IS NOT NULL AND size_bytes IS NOT NULL))
);
