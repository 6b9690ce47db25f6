-- Reports and schedules (issue #9): what V13 left for the report code to add.

-- CSV reports with include_logs: how many event rows the file holds (capped; see the README)
ALTER TABLE reports ADD COLUMN log_rows bigint CHECK (log_rows >= 0);
-- the sweep that re-enqueues reports whose job was lost reads only these
CREATE INDEX idx_reports_unfinished ON reports (created_at) WHERE status IN ('pending', 'running');

ALTER TABLE report_schedules
    ADD COLUMN last_report_id  uuid REFERENCES reports (id) ON DELETE SET NULL,
    ADD COLUMN last_error      text;

-- Who a scheduled report was mailed to, and how: attached, or linked when too large to attach. A delivery job
-- retried after a partial failure skips the recipients already served. A link is one recipient's own: its token is
-- mailed to that recipient only and kept here as SHA-256 (like every other token of mockupAWS).
CREATE TABLE report_deliveries (
    report_id        uuid         NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    recipient        text         NOT NULL,
    delivered        text         NOT NULL CHECK (delivered IN ('attached', 'linked')),
    link_token_hash  bytea        UNIQUE CHECK (length(link_token_hash) = 32),
    link_expires_at  timestamptz,
    sent_at          timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (report_id, recipient),
    CHECK ((delivered = 'linked') = (link_token_hash IS NOT NULL AND link_expires_at IS NOT NULL))
);
