-- One row per masking run (CALL anon.run_all() or pgscrub run / pipeline): what ran, with
-- which rule set, how long each step took. The report and `pgscrub status` read it.
-- mode: 'rewrite' rewrites each table once where it can (ALTER TABLE ... USING), else
-- batches; 'batched' always updates in keyset/ctid batches (see docs/run.md).
CREATE TABLE anon.runs (
    run_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status           text        NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'masked', 'failed', 'clean', 'missed')),
    mode             text        NOT NULL DEFAULT 'rewrite' CHECK (mode IN ('rewrite', 'batched')),
    batch_size       integer     NOT NULL DEFAULT 10000 CHECK (batch_size > 0),
    rules_sha256     text,
    pgscrub_version  text        NOT NULL,
    run_by           name        NOT NULL DEFAULT SESSION_USER,
    client           text        NOT NULL DEFAULT pg_catalog.current_setting('application_name'),
    started_at       timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    finished_at      timestamptz,
    steps            jsonb       NOT NULL DEFAULT '{}'::jsonb,   -- step name -> seconds
    rows_processed   bigint      NOT NULL DEFAULT 0,
    error            text,
    secret_check     bytea                                       -- anon.secret_check() of the run's secret
);
COMMENT ON TABLE anon.runs IS 'pgscrub: masking runs; status running -> masked -> clean | missed, or failed';
