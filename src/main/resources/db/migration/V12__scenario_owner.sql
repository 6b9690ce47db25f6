-- Tenancy: every scenario has an owner, and users see only their own (admins see all).
-- Scenarios created before accounts existed go to a disabled system account that cannot sign in (its password
-- hash is not a bcrypt hash, so no password matches it); administrators still see them.
INSERT INTO users (id, email, password_hash, full_name, role, tier, active)
VALUES ('00000000-0000-0000-0000-000000000001', 'system@mockupaws.invalid', '!', 'Scenarios from before accounts existed',
        'user', 'free', false);

ALTER TABLE scenarios ADD COLUMN owner_id uuid REFERENCES users (id);
UPDATE scenarios SET owner_id = '00000000-0000-0000-0000-000000000001';
ALTER TABLE scenarios ALTER COLUMN owner_id SET NOT NULL;

-- A user's list in the default order (newest first): the tenant's rows only, straight from the index.
CREATE INDEX scenarios_owner_created_idx ON scenarios (owner_id, created_at DESC, id DESC);
