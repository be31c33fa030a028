-- Columns added or retyped since the last scan, recorded by the new-column watcher.
-- Default-deny: run_all and validate refuse to pass while any is unclassified.
CREATE TABLE anon.pending_columns (
    schema_name  name        NOT NULL,
    table_name   name        NOT NULL,
    column_name  name        NOT NULL,
    column_type  text        NOT NULL,
    change       text        NOT NULL CHECK (change IN ('added', 'retyped')),
    command_tag  text        NOT NULL,
    detected_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    PRIMARY KEY (schema_name, table_name, column_name)
);
COMMENT ON TABLE anon.pending_columns IS 'pgscrub: new or retyped columns awaiting classification by the scan';
