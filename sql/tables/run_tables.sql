-- requires: runs.sql
-- The progress ledger: one row per table of a run, written in the same transaction as
-- the rows it describes, so a crashed run resumes exactly where it stopped.
-- Tables are leaf relations (partitions and inheritance children count on their own).
-- method: 'rewrite' (one ALTER TABLE ... USING), 'keyset' (batches over the primary key)
-- or 'ctid' (batches over block ranges); batch progress lives in anon.run_ranges.
-- (relid, attnums) of done rows are never masked again by a later run.
CREATE TABLE anon.run_tables (
    run_id       bigint  NOT NULL REFERENCES anon.runs ON DELETE CASCADE,
    schema_name  name    NOT NULL,
    table_name   name    NOT NULL,
    position     integer NOT NULL,              -- foreign-key order, parents first
    status       text    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'done', 'failed', 'skipped')),
    rows_total   bigint  NOT NULL DEFAULT 0,
    rows_done    bigint  NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz,
    error        text,
    relid        oid,
    method       text    CHECK (method IN ('rewrite', 'keyset', 'ctid')),
    method_reason text,                         -- why not 'rewrite', for the dry run and the report
    columns      name[]  NOT NULL DEFAULT '{}', -- the masked columns
    attnums      smallint[] NOT NULL DEFAULT '{}',
    key_columns  name[]  NOT NULL DEFAULT '{}', -- 'keyset': the primary key
    masking_sql  text,                          -- the statement that masks (batched: with $n bounds)
    start_xid    xid8,                          -- ctid batches skip row versions written since
    masked_at    timestamptz,                   -- every row masked (batched: compaction may follow)
    masked_xid   xid8,                          -- the last masking transaction, for the compaction horizon
    compacted_at timestamptz,                   -- heap, TOAST and indexes rewritten without old versions
    masked_sample jsonb,                        -- row key attnums, per column hashes of a few masked values (anon.run_record_samples)
    PRIMARY KEY (run_id, schema_name, table_name)
);
COMMENT ON TABLE anon.run_tables IS 'pgscrub: per-table progress ledger of each run';
