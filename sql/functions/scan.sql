-- Step 1 of the pipeline: find PII by sampling what is stored. Classifies every column
-- of every user table, partitioned table (through its parent) and materialized view:
-- samples p_sample_size non-empty values per column (one query per table), matches them
-- against the detectors set-based, and writes anon.findings (one row per column and
-- kind) and anon.scanned_columns (every column, with its highest sensitivity).
-- Incremental: only columns that are new, retyped or previously skipped are read again,
-- unless p_full. A table that cannot be read (no privilege, unpopulated materialized
-- view, a lock held too long, unreadable data) is recorded as skipped, with the reason,
-- and the scan goes on. Needs no secret: it stores no value, only partial examples.
-- Returns the findings of every column (not only those classified by this call).
CREATE OR REPLACE FUNCTION anon.scan(p_sample_size integer DEFAULT 100, p_full boolean DEFAULT false)
RETURNS SETOF anon.findings
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
-- A table locked by a long migration is skipped rather than waited for.
SET lock_timeout = '5s'
AS $$
DECLARE
    v_table record;
BEGIN
    IF p_sample_size IS NULL OR p_sample_size < 1 OR p_sample_size > 100000 THEN
        RAISE EXCEPTION 'sample size must be between 1 and 100000, not %', p_sample_size
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'the default, 100 values per column, is enough to classify a column';
    END IF;
    PERFORM anon.scan_prepare();

    IF NOT p_full THEN
        UPDATE pg_temp.pgscrub_scan_columns c SET todo = false
          FROM anon.scanned_columns s
         WHERE s.schema_name = c.schema_name AND s.table_name = c.table_name AND s.column_name = c.column_name
           AND s.column_type = c.column_type AND s.skipped_reason IS NULL;
    END IF;
    UPDATE pg_temp.pgscrub_scan_columns c
       SET skipped_reason = pg_catalog.format('permission denied: role %s cannot read this column', CURRENT_USER)
     WHERE c.todo AND NOT c.readable;
    UPDATE pg_temp.pgscrub_scan_columns c
       SET skipped_reason = 'materialized view is not populated (REFRESH MATERIALIZED VIEW, then scan again)'
      FROM pg_catalog.pg_class k
     WHERE c.todo AND k.oid = c.relid AND k.relkind = 'm' AND NOT k.relispopulated;

    FOR v_table IN
        SELECT c.relid FROM pg_temp.pgscrub_scan_columns c
         WHERE c.todo AND c.readable AND c.category IS NOT NULL AND c.skipped_reason IS NULL
         GROUP BY c.relid ORDER BY c.relid
    LOOP
        BEGIN
            PERFORM anon.scan_sample_table(v_table.relid, p_sample_size);
        EXCEPTION WHEN OTHERS THEN
            -- The SQLSTATE only: an error message can quote the data it choked on.
            UPDATE pg_temp.pgscrub_scan_columns c
               SET skipped_reason = pg_catalog.format('could not be sampled (SQLSTATE %s)', SQLSTATE)
             WHERE c.relid = v_table.relid AND c.todo;
        END;
    END LOOP;

    PERFORM anon.scan_note_encoding();
    PERFORM anon.scan_units();
    PERFORM anon.scan_match();
    PERFORM anon.scan_match_known();
    PERFORM anon.scan_write_findings();

    RETURN QUERY
        SELECT f.* FROM anon.findings f
         ORDER BY pg_catalog.array_position(ARRAY['HIGH', 'MEDIUM', 'LOW'], f.sensitivity),
                  f.schema_name, f.table_name, f.column_name, f.detector;
END
$$;
COMMENT ON FUNCTION anon.scan(integer, boolean) IS
    'pgscrub: step 1, sample every column and classify it (anon.findings, anon.scanned_columns); incremental unless p_full';
