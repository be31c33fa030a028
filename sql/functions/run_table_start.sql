-- Before the first row of a table changes: count its rows, record the keyed fingerprints
-- of its original PII (anon.capture_fingerprints, for validation) and the report's
-- examples, and note the transaction id from which on row versions are the run's own
-- (ctid batches skip them). Once per table and run; the row lock makes concurrent
-- workers on ranges of the same table wait for it.
CREATE OR REPLACE FUNCTION anon.run_table_start(p_run_id bigint, p_relid oid)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rt anon.run_tables;
    v_rows bigint;
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t
     WHERE t.run_id = p_run_id AND t.relid = p_relid FOR UPDATE;
    IF v_rt.started_at IS NOT NULL OR v_rt.status IN ('done', 'skipped') THEN
        RETURN;
    END IF;
    PERFORM pg_catalog.set_config('row_security', 'off', true);
    v_rows := v_rt.rows_total;
    IF v_rt.method <> 'rewrite' THEN   -- the rewrite counts exactly under its lock
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM ONLY %s', p_relid::pg_catalog.regclass)
           INTO v_rows;
    END IF;
    -- only the columns this run changes: a column an earlier run masked holds fakes, and
    -- taking them for originals would make validation find every one of them
    PERFORM anon.capture_fingerprints(p_run_id, p_relid::pg_catalog.regclass, v_rt.columns);
    PERFORM anon.run_capture_examples(p_run_id, p_relid);
    UPDATE anon.run_tables t
       SET status = 'running', started_at = pg_catalog.clock_timestamp(), rows_total = v_rows,
           start_xid = pg_catalog.pg_current_xact_id(), error = NULL
     WHERE t.run_id = p_run_id AND t.relid = p_relid;
END
$$;
COMMENT ON FUNCTION anon.run_table_start(bigint, oid) IS
    'pgscrub: count, fingerprint and sample a table before its rows change (once per run)';
