-- cronofy-rs token store, schema 1. Idempotent: PostgresTokenStore::migrate runs it under an
-- advisory lock, so instances starting together do not race; run it yourself with your own
-- migration tool instead if you prefer (it is PostgresTokenStore::SCHEMA).

-- Versions come from one sequence, so a record deleted and written again never reuses a
-- version that an instance may still hold: a compare-and-swap cannot succeed by accident.
CREATE SEQUENCE IF NOT EXISTS cronofy_token_versions;

-- One row per authorization (a user's, or an organization's), under the application's key.
CREATE TABLE IF NOT EXISTS cronofy_tokens (
    key text PRIMARY KEY,
    version bigint NOT NULL,
    -- The token set as versioned JSON (cronofy_core::oauth::encode_record). Text rather than
    -- jsonb: it is only ever read back whole, and secrets should not be indexed.
    tokens text NOT NULL,
    reauthorization_required boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- At most one refresh lease per key; an expired lease is free for the taking, so a crashed
-- holder blocks the others only until expires_at.
CREATE TABLE IF NOT EXISTS cronofy_token_leases (
    key text PRIMARY KEY,
    holder text NOT NULL,
    expires_at timestamptz NOT NULL
);
