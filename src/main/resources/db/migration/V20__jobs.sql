-- Background jobs (issue #9). JobRunr keeps its tables in a schema of their own, jobrunr, and creates and upgrades
-- them itself at start-up (its migrations are recorded in jobrunr.jobrunr_migrations): they are JobRunr's, versioned
-- with the JobRunr library, not with this schema. Being in the database, they are in every backup and come back
-- with every restore — jobs and their migrations table together, so a restored database never has JobRunr's
-- tables without the record of what created them (or the other way round).
CREATE SCHEMA IF NOT EXISTS jobrunr;

-- The last run of each recurring task, written by the runner itself (JobRunr deletes succeeded jobs after 36 hours).
CREATE TABLE recurring_task_runs (
    task_id      text         PRIMARY KEY,
    started_at   timestamptz  NOT NULL,
    finished_at  timestamptz,
    outcome      text         NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
    error        text,
    duration_ms  bigint
);
