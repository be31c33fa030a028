-- Keyed fingerprints (truncated HMAC) of original PII values and tokens, taken before
-- masking and dropped once a run validates clean. Without the secret they reveal nothing.
-- kind: the PII kind of a value fingerprint (email, phone, ...: checked in every column of
-- every schema), or 'row' for a row-bound fingerprint (checked only in its own row and
-- column). docs/validation.md explains the design.
CREATE TABLE anon.fingerprints (
    run_id       bigint NOT NULL,
    kind         text   NOT NULL,     -- email, phone, name, national_id, ...; or 'row' for row-bound checks
    fingerprint  bytea  NOT NULL
);
COMMENT ON TABLE anon.fingerprints IS 'pgscrub: keyed fingerprints of original PII, for validation; deleted after a clean run';

-- One row per table and run whose original values were fingerprinted: which columns (whole
-- values, or the PII tokens inside free text and JSON) and which row key the row-bound
-- fingerprints used, so validation recomputes them the same way even if rules changed since.
-- Kept when the fingerprints are dropped (dropped_at), as the record of what was proven.
CREATE TABLE anon.fingerprint_captures (
    run_id         bigint      NOT NULL,
    schema_name    name        NOT NULL,
    table_name     name        NOT NULL,
    key_columns    name[]      NOT NULL,               -- row key of row-bound fingerprints ('{}': none)
    value_columns  name[]      NOT NULL DEFAULT '{}',  -- whole values fingerprinted
    token_columns  name[]      NOT NULL DEFAULT '{}',  -- PII tokens inside the values fingerprinted
    fingerprints   bigint      NOT NULL DEFAULT 0,
    captured_at    timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    dropped_at     timestamptz,                        -- set when a clean validation dropped the fingerprints
    seconds        numeric     NOT NULL DEFAULT 0,     -- how long the capture took (the run's 'capture' step sums them)
    PRIMARY KEY (run_id, schema_name, table_name)
);
COMMENT ON TABLE anon.fingerprint_captures IS 'pgscrub: which tables and columns had their original PII fingerprinted, per run';
