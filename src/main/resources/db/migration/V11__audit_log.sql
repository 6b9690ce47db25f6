-- The audit log: who did what, to what, when, from where, and how it ended. Append-only: the database itself
-- refuses UPDATE, DELETE and TRUNCATE on it, so neither a bug nor an injected statement in the application can
-- rewrite history. (The table's owner can still drop the trigger — that is a schema change, made by an operator,
-- not something the application's own SQL can do by accident.)
--
-- No foreign keys to users or api_keys: an audit line must outlive what it talks about, and ON DELETE actions
-- would have to UPDATE or DELETE audit rows.
CREATE TABLE audit_log (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_user_id    uuid,
    actor_api_key_id uuid,
    action           text        NOT NULL,
    resource_type    text,
    resource_id      text,
    outcome          text        NOT NULL CHECK (outcome IN ('success', 'failure')),
    ip               text,
    user_agent       text,
    details          jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id DESC);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id, id DESC);
CREATE INDEX audit_log_occurred_brin ON audit_log USING brin (occurred_at);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Statement-level, so even an UPDATE or DELETE that matches no row is refused, and TRUNCATE too.
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
