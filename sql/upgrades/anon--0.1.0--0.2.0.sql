-- pgscrub 0.1.0 -> 0.2.0: table changes only. Functions, procedures, views and event
-- triggers are re-created from the 0.2.0 sources by `pgscrub upgrade` after this runs,
-- so only a routine that is removed or changes its signature or return type needs a
-- DROP here. Keep table changes in the same order as the 0.2.0 table files, so that
-- an upgraded schema dumps exactly like a fresh install (tests/test_installer.py).

-- tables/findings.sql: where in the value the PII was found
ALTER TABLE anon.findings
    ADD COLUMN found_in text NOT NULL DEFAULT 'value'
        CHECK (found_in IN ('value', 'text', 'json', 'array', 'xml', 'name'));

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
