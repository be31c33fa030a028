-- pgscrub 0.1.0 -> 0.2.0: table changes only. Functions, procedures, views and event
-- triggers are re-created from the 0.2.0 sources by `pgscrub upgrade` after this runs,
-- so only a routine that is removed or changes its signature or return type needs a
-- DROP here. Keep table changes in the same order as the 0.2.0 table files, so that
-- an upgraded schema dumps exactly like a fresh install (tests/test_installer.py).

-- tables/findings.sql: where in the value the PII was found
ALTER TABLE anon.findings
    ADD COLUMN found_in text NOT NULL DEFAULT 'value'
        CHECK (found_in IN ('value', 'text', 'json', 'array', 'xml', 'name'));

-- tables/findings.sql: what the reviewer should know about a scanned column
ALTER TABLE anon.scanned_columns ADD COLUMN note text;

-- tables/run_examples.sql: before -> after examples for the report
CREATE TABLE anon.run_examples (
    run_id       bigint NOT NULL REFERENCES anon.runs ON DELETE CASCADE,
    schema_name  name   NOT NULL,
    table_name   name   NOT NULL,
    column_name  name   NOT NULL,
    ordinal      integer NOT NULL CHECK (ordinal BETWEEN 1 AND 3),
    before_partial text,
    after_value    text,
    PRIMARY KEY (run_id, schema_name, table_name, column_name, ordinal)
);
COMMENT ON TABLE anon.run_examples IS 'pgscrub: up to 3 before (partial) -> after examples per masked column and run';

-- tables/runs.sql: the two masking modes
ALTER TABLE anon.runs
    ADD CONSTRAINT runs_mode_check CHECK (mode IN ('rewrite', 'batched'));

-- tables/run_tables.sql: how each table is masked, and the state a resumed run needs
-- (batch positions moved to anon.run_ranges)
ALTER TABLE anon.run_tables
    DROP COLUMN last_key,
    ADD COLUMN relid oid,
    ADD COLUMN method text CHECK (method IN ('rewrite', 'keyset', 'ctid')),
    ADD COLUMN method_reason text,
    ADD COLUMN columns name[] NOT NULL DEFAULT '{}',
    ADD COLUMN attnums smallint[] NOT NULL DEFAULT '{}',
    ADD COLUMN key_columns name[] NOT NULL DEFAULT '{}',
    ADD COLUMN masking_sql text,
    ADD COLUMN start_xid xid8,
    ADD COLUMN masked_at timestamptz,
    ADD COLUMN masked_xid xid8,
    ADD COLUMN compacted_at timestamptz;

-- tables/run_ranges.sql: batch progress per key range
CREATE TABLE anon.run_ranges (
    run_id       bigint  NOT NULL,
    schema_name  name    NOT NULL,
    table_name   name    NOT NULL,
    range_no     integer NOT NULL CHECK (range_no >= 1),
    lower_key    text[],
    upper_key    text[],
    last_key     text[],
    rows_done    bigint  NOT NULL DEFAULT 0,
    done         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (run_id, schema_name, table_name, range_no),
    FOREIGN KEY (run_id, schema_name, table_name) REFERENCES anon.run_tables ON DELETE CASCADE
);
COMMENT ON TABLE anon.run_ranges IS 'pgscrub: batch progress per key range of a table in a run';

-- tables/fingerprints.sql: which tables and columns were fingerprinted, per run
CREATE TABLE anon.fingerprint_captures (
    run_id         bigint      NOT NULL,
    schema_name    name        NOT NULL,
    table_name     name        NOT NULL,
    key_columns    name[]      NOT NULL,
    value_columns  name[]      NOT NULL DEFAULT '{}',
    token_columns  name[]      NOT NULL DEFAULT '{}',
    fingerprints   bigint      NOT NULL DEFAULT 0,
    captured_at    timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    dropped_at     timestamptz,
    PRIMARY KEY (run_id, schema_name, table_name)
);
COMMENT ON TABLE anon.fingerprint_captures IS 'pgscrub: which tables and columns had their original PII fingerprinted, per run';

-- functions/capture_fingerprints.sql: gained p_columns (the run names the columns it masks)
DROP FUNCTION IF EXISTS anon.capture_fingerprints(bigint, regclass);

-- functions/fingerprint_value.sql, fingerprint_row.sql: keyed by anon.fingerprint_key(), passed in
DROP FUNCTION IF EXISTS anon.fingerprint_value(text);
DROP FUNCTION IF EXISTS anon.fingerprint_row(text, text, text);

-- tables/fingerprints.sql: how long each capture took
ALTER TABLE anon.fingerprint_captures ADD COLUMN seconds numeric NOT NULL DEFAULT 0;

-- tables/runs.sql: the check value of the secret a run started with
ALTER TABLE anon.runs ADD COLUMN secret_check bytea;

-- tables/run_tables.sql: hashes of a few masked values per column, to notice a table reloaded since
ALTER TABLE anon.run_tables ADD COLUMN masked_sample jsonb;
