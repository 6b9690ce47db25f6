-- Identity: accounts, login sessions with their refresh tokens, password-reset tokens and API keys.
-- Secrets are never stored: passwords as bcrypt hashes, every token and API key as its SHA-256 digest.

CREATE TABLE users (
    id            uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    email         varchar(254) NOT NULL CHECK (length(email) >= 3),
    password_hash text         NOT NULL,
    full_name     varchar(200) NOT NULL DEFAULT '',
    role          text         NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    tier          text         NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'premium', 'enterprise')),
    active        boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    last_login_at timestamptz
);

-- "Ann@Example.com" and "ann@example.com" are one account.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A login session is one refresh-token family: each refresh rotates the token within the session, and presenting
-- an already-rotated token (a stolen copy, or the thief's copy once the owner refreshed) revokes the whole session.
-- Access tokens name their session, so revoking it also ends the session's access tokens.
CREATE TABLE auth_sessions (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_reason text
);

CREATE INDEX auth_sessions_open_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id uuid        NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    rotated_at timestamptz
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Single use, 30 minutes.
CREATE TABLE password_reset_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL;

-- API keys: "mk_" + 43 base62 characters (32 random bytes). Only the digest and a display prefix are kept.
-- last_used_at is approximate by design (written at most once a minute per key, off the request's path).
CREATE TABLE api_keys (
    id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name              varchar(100) NOT NULL CHECK (length(name) >= 1),
    prefix            text         NOT NULL,
    key_hash          bytea        NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    scopes            text[]       NOT NULL CHECK (cardinality(scopes) >= 1
                                   AND scopes <@ ARRAY['ingest', 'scenarios:read', 'scenarios:write', 'reports', 'admin']),
    events_per_second integer      CHECK (events_per_second > 0),
    created_at        timestamptz  NOT NULL DEFAULT now(),
    expires_at        timestamptz,
    rotated_at        timestamptz,
    revoked_at        timestamptz,
    last_used_at      timestamptz
);

CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at);
