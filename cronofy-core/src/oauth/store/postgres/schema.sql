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

-- Rate budgets (cronofy_core::rate::PostgresRateBudget; PostgreSQL 11 or later, for
-- hashtextextended): the requests admitted for each
-- application over the last window, and the pause a 429 asked for. Rows older than the longest
-- window are deleted by the next admission of their application.
CREATE TABLE IF NOT EXISTS cronofy_rate_admissions (
    id bigserial PRIMARY KEY,
    application text NOT NULL,
    admitted_at timestamptz NOT NULL,
    cost integer NOT NULL
);
CREATE INDEX IF NOT EXISTS cronofy_rate_admissions_by_time
    ON cronofy_rate_admissions (application, admitted_at);

CREATE TABLE IF NOT EXISTS cronofy_rate_pauses (
    application text PRIMARY KEY,
    until timestamptz NOT NULL
);

-- Admits a request of `app` counting `cost` (0), or answers how many microseconds to wait: the
-- same sliding windows as the in-memory and Redis budgets, on the database's clock. An
-- advisory lock per application, held until the calling statement ends, makes concurrent
-- admissions take turns.
CREATE OR REPLACE FUNCTION cronofy_rate_admit(
    app text, cost integer, per_second integer, per_minute integer,
    second_us bigint, minute_us bigint
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    now_at timestamptz;
    paused timestamptz;
    wait_us bigint := 0;
    win record;
    used bigint;
    excess bigint;
    leaving timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('cronofy-rate:' || app, 0));
    -- Read after the lock: a caller that waited for it is admitted now, not when it asked.
    now_at := clock_timestamp();
    SELECT p.until INTO paused FROM cronofy_rate_pauses p WHERE p.application = app;
    IF paused > now_at THEN
        RETURN greatest(1, ceil(extract(epoch FROM paused - now_at) * 1000000))::bigint;
    END IF;
    DELETE FROM cronofy_rate_admissions a
        WHERE a.application = app
        AND a.admitted_at <= now_at - greatest(second_us, minute_us) * interval '1 microsecond';
    FOR win IN SELECT * FROM (VALUES (per_second, second_us), (per_minute, minute_us)) AS w(lim, us)
    LOOP
        SELECT coalesce(sum(a.cost), 0) INTO used FROM cronofy_rate_admissions a
            WHERE a.application = app AND a.admitted_at > now_at - win.us * interval '1 microsecond';
        excess := used + cost - win.lim;
        IF used > 0 AND excess > 0 THEN
            SELECT t.admitted_at INTO leaving FROM (
                SELECT a.admitted_at, sum(a.cost) OVER (ORDER BY a.admitted_at, a.id) AS freed
                FROM cronofy_rate_admissions a
                WHERE a.application = app
                AND a.admitted_at > now_at - win.us * interval '1 microsecond'
            -- Enough of the oldest must leave for the request to fit; a request counting
            -- more than the limit fits an empty window.
            ) t WHERE t.freed >= least(excess, used) ORDER BY t.admitted_at LIMIT 1;
            wait_us := greatest(wait_us, ceil(extract(epoch FROM
                leaving + win.us * interval '1 microsecond' - now_at) * 1000000)::bigint);
        END IF;
    END LOOP;
    IF wait_us > 0 THEN
        RETURN greatest(1, wait_us);
    END IF;
    INSERT INTO cronofy_rate_admissions (application, admitted_at, cost) VALUES (app, now_at, cost);
    RETURN 0;
END
$$;

-- Admits nothing for `app` for `wait_us` microseconds from now, unless a longer pause is set.
CREATE OR REPLACE FUNCTION cronofy_rate_pause(app text, wait_us bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO cronofy_rate_pauses (application, until)
        VALUES (app, clock_timestamp() + wait_us * interval '1 microsecond')
    ON CONFLICT (application)
        DO UPDATE SET until = greatest(cronofy_rate_pauses.until, excluded.until)
$$;
