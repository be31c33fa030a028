-- The proof: one row per column of every table and materialized view checked after masking.
CREATE TABLE anon.validation (
    run_id              bigint      NOT NULL,
    schema_name         name        NOT NULL,
    table_name          name        NOT NULL,
    column_name         name        NOT NULL,
    rows_checked        bigint      NOT NULL DEFAULT 0,
    real_pii_remaining  bigint      NOT NULL DEFAULT 0,
    status              text        NOT NULL CHECK (status IN ('Clean', 'MISSED')),
    reason              text,
    checked_at          timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    PRIMARY KEY (run_id, schema_name, table_name, column_name)
);
COMMENT ON TABLE anon.validation IS 'pgscrub: validation result per column and run; MISSED = real PII remaining or unclassified PII';
