-- Every backup and restore run, successful or not: what `backup list` and GET /api/v1/admin/backups show.
-- The object store stays the truth about what can be restored (each backup's metadata.json); this table is the
-- record of what ran, including the runs that failed, which the store keeps nothing of.
CREATE TABLE backup_history (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('full', 'base', 'restore')),
    status          text        NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    trigger         text        NOT NULL CHECK (trigger IN ('manual', 'scheduled', 'pre-restore')),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    size_bytes      bigint,
    sha256          text,
    object_key      text,
    store           text        NOT NULL,
    server_version  text,
    start_lsn       pg_lsn,
    end_lsn         pg_lsn,
    start_wal_file  text,
    key_fingerprint text,
    error           text,
    -- `backup verify`: when it last passed, or why it last failed
    verified_at     timestamptz,
    verify_error    text,
    -- removed from the store by retention (`backup cleanup`)
    deleted_at      timestamptz,
    -- a restore: which backup it restored, into what (database name or data directory), to which time
    source_backup   uuid,
    target          text,
    target_time     timestamptz,
    CHECK (status = 'running' OR finished_at IS NOT NULL),
    CHECK (status <> 'failed' OR error IS NOT NULL)
);

CREATE INDEX backup_history_started_idx ON backup_history (started_at DESC);
