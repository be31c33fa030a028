-- Mask a whole table with one ALTER TABLE ... ALTER COLUMN ... TYPE <same> USING <mask>:
-- PostgreSQL writes a new heap, TOAST table and indexes from the live rows only and
-- drops the old files when the transaction commits, so no original value stays in the
-- table's files; no trigger or rule fires. The ledger is marked done in the same
-- transaction: a crash rolls back the whole table, which is then done again.
-- Returns the rows masked.
CREATE OR REPLACE FUNCTION anon.run_rewrite(p_run_id bigint, p_relid oid)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rt anon.run_tables;
    v_table pg_catalog.regclass := p_relid::pg_catalog.regclass;
    v_rows bigint;
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid FOR UPDATE;
    IF v_rt.status = 'done' THEN
        RETURN 0;
    END IF;
    PERFORM pg_catalog.set_config('row_security', 'off', true);
    EXECUTE pg_catalog.format('LOCK TABLE ONLY %s IN ACCESS EXCLUSIVE MODE', v_table);
    EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM ONLY %s', v_table) INTO v_rows;
    EXECUTE v_rt.masking_sql;
    EXECUTE pg_catalog.format('ANALYZE %s', v_table);
    UPDATE anon.run_tables t
       SET rows_total = v_rows, rows_done = v_rows, status = 'done',
           masked_at = pg_catalog.clock_timestamp(), masked_xid = pg_catalog.pg_current_xact_id(),
           compacted_at = pg_catalog.clock_timestamp(), finished_at = pg_catalog.clock_timestamp()
     WHERE t.run_id = p_run_id AND t.relid = p_relid
    RETURNING * INTO v_rt;
    PERFORM anon.run_notice_done(v_rt);
    RETURN v_rows;
END
$$;
COMMENT ON FUNCTION anon.run_rewrite(bigint, oid) IS
    'pgscrub: mask a table with one rewrite (ALTER TABLE ... USING); ledger updated in the same transaction';
