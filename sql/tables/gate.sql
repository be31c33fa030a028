-- The staging gate: locked while masking and until validation passes. previous_state holds
-- what lock() changed (datconnect grants, rolcanlogin) so unlock() restores exactly that.
CREATE TABLE anon.gate (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    state           text        NOT NULL DEFAULT 'unlocked' CHECK (state IN ('locked', 'unlocked')),
    app_roles       name[]      NOT NULL DEFAULT '{}',
    previous_state  jsonb,
    changed_at      timestamptz,
    changed_by      name
);
INSERT INTO anon.gate DEFAULT VALUES;
COMMENT ON TABLE anon.gate IS 'pgscrub: the staging gate (one row)';

CREATE TABLE anon.gate_events (
    happened_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    event        text        NOT NULL,     -- locked, unlocked, forced_unlock, alert
    actor        name        NOT NULL DEFAULT SESSION_USER,
    run_id       bigint,
    detail       jsonb       NOT NULL DEFAULT '{}'::jsonb
);
COMMENT ON TABLE anon.gate_events IS 'pgscrub: every lock, unlock, forced unlock and alert of the gate';
