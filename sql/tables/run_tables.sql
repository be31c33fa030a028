-- requires: runs.sql
-- The progress ledger: one row per table of a run, written in the same transaction as
-- the rows it describes, so a crashed run resumes exactly where it stopped.
CREATE TABLE anon.run_tables (
    run_id       bigint  NOT NULL REFERENCES anon.runs ON DELETE CASCADE,
    schema_name  name    NOT NULL,
    table_name   name    NOT NULL,
    position     integer NOT NULL,              -- foreign-key order, parents first
    status       text    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
    rows_total   bigint  NOT NULL DEFAULT 0,
    rows_done    bigint  NOT NULL DEFAULT 0,
    last_key     text,                          -- keyset position of the last committed batch
    started_at   timestamptz,
    finished_at  timestamptz,
    error        text,
    PRIMARY KEY (run_id, schema_name, table_name)
);
COMMENT ON TABLE anon.run_tables IS 'pgscrub: per-table progress ledger of each run';
