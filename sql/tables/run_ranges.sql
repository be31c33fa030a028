-- requires: run_tables.sql
-- Batch progress of the batched methods: one row per key range of a table (one range,
-- or one per job with pgscrub run --jobs N). Updated in the same transaction as the
-- batch it describes. Keys are the text forms of the primary-key columns ('keyset') or
-- a block number ('ctid'); a range covers keys after lower_key up to upper_key included,
-- NULL meaning unbounded. Primary keys never hold masked columns (those tables use ctid).
CREATE TABLE anon.run_ranges (
    run_id       bigint  NOT NULL,
    schema_name  name    NOT NULL,
    table_name   name    NOT NULL,
    range_no     integer NOT NULL CHECK (range_no >= 1),
    lower_key    text[],
    upper_key    text[],
    last_key     text[],                        -- the last key done; NULL: nothing done yet
    rows_done    bigint  NOT NULL DEFAULT 0,
    done         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (run_id, schema_name, table_name, range_no),
    FOREIGN KEY (run_id, schema_name, table_name) REFERENCES anon.run_tables ON DELETE CASCADE
);
COMMENT ON TABLE anon.run_ranges IS 'pgscrub: batch progress per key range of a table in a run';
