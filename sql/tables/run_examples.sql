-- requires: runs.sql
-- Before -> after examples per masked column, recorded by the run for the report.
-- "before" is partial (anon.partial: j***@gmail.com), never a raw original value.
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
