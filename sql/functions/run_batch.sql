-- One batch of a batched table, in the caller's transaction: about batch_size rows of
-- one key range are masked and the range's progress is recorded with them, so a crash
-- or a killed backend loses at most this uncommitted batch and a resumed run continues
-- after the last committed one. Keyset batches end at the batch_size-th primary key;
-- ctid batches cover the number of blocks that hold about batch_size rows, and skip row
-- versions written since the table started (rows an earlier batch moved there).
-- Triggers and rules do not fire (anon.run_triggers_off). Returns the rows masked, or
-- NULL when the range was already done. The last batch of a table records masked_at.
CREATE OR REPLACE FUNCTION anon.run_batch(p_run_id bigint, p_relid oid, p_range integer)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
SET datestyle = 'ISO, YMD'
SET intervalstyle = 'postgres'
SET extra_float_digits = 3
AS $$
DECLARE
    v_rt anon.run_tables;
    v_range anon.run_ranges;
    v_table pg_catalog.regclass := p_relid::pg_catalog.regclass;
    v_batch_size integer;
    v_disabled jsonb;
    v_from text[];
    v_upper text[];
    v_first bigint;
    v_last_block bigint;
    v_blocks bigint;
    v_rows bigint;
    v_range_done boolean;
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid;
    SELECT * INTO v_range FROM anon.run_ranges g
     WHERE (g.run_id, g.schema_name, g.table_name, g.range_no) = (p_run_id, v_rt.schema_name, v_rt.table_name, p_range)
       FOR UPDATE;
    IF NOT FOUND OR v_range.done THEN
        RETURN NULL;
    END IF;
    SELECT r.batch_size INTO STRICT v_batch_size FROM anon.runs r WHERE r.run_id = p_run_id;
    v_disabled := anon.run_triggers_off(v_table);
    PERFORM pg_catalog.set_config('row_security', 'off', true);
    v_from := COALESCE(v_range.last_key, v_range.lower_key);

    IF v_rt.method = 'keyset' THEN
        EXECUTE anon.plan_key_bound_sql(v_table, v_rt.key_columns)
           INTO v_upper USING v_from, v_range.upper_key, v_batch_size - 1;
        v_range_done := v_upper IS NULL;
        IF v_range_done THEN
            v_upper := v_range.upper_key;
        END IF;
        EXECUTE v_rt.masking_sql USING v_from, v_upper;
    ELSE
        SELECT pg_catalog.max(g.upper_key[1]::bigint) + 1 INTO v_blocks FROM anon.run_ranges g
         WHERE (g.run_id, g.schema_name, g.table_name) = (p_run_id, v_rt.schema_name, v_rt.table_name);
        v_blocks := GREATEST(1, pg_catalog.ceil(v_batch_size::numeric * v_blocks / GREATEST(v_rt.rows_total, 1)));
        v_first := v_from[1]::bigint + 1;
        v_last_block := LEAST(v_first + v_blocks - 1, v_range.upper_key[1]::bigint);
        v_range_done := v_last_block >= v_range.upper_key[1]::bigint;
        v_upper := ARRAY[v_last_block::text];
        EXECUTE v_rt.masking_sql
          USING pg_catalog.format('(%s,0)', v_first)::pg_catalog.tid,
                pg_catalog.format('(%s,0)', v_last_block + 1)::pg_catalog.tid,
                pg_catalog.age(v_rt.start_xid::pg_catalog.xid);
    END IF;
    GET DIAGNOSTICS v_rows = ROW_COUNT;

    UPDATE anon.run_ranges g
       SET last_key = COALESCE(v_upper, g.last_key), rows_done = g.rows_done + v_rows, done = v_range_done
     WHERE (g.run_id, g.schema_name, g.table_name, g.range_no) = (p_run_id, v_rt.schema_name, v_rt.table_name, p_range);
    PERFORM anon.run_triggers_restore(v_table, v_disabled);

    IF v_range_done THEN
        -- The row lock orders workers finishing their last ranges at the same time.
        PERFORM FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid FOR UPDATE;
        IF NOT EXISTS (SELECT FROM anon.run_ranges g
                        WHERE (g.run_id, g.schema_name, g.table_name) = (p_run_id, v_rt.schema_name, v_rt.table_name)
                          AND NOT g.done) THEN
            UPDATE anon.run_tables t
               SET masked_at = pg_catalog.clock_timestamp(), masked_xid = pg_catalog.pg_current_xact_id(),
                   rows_done = (SELECT pg_catalog.sum(g.rows_done) FROM anon.run_ranges g
                                 WHERE (g.run_id, g.schema_name, g.table_name)
                                     = (p_run_id, v_rt.schema_name, v_rt.table_name))
             WHERE t.run_id = p_run_id AND t.relid = p_relid;
        END IF;
    END IF;
    RETURN v_rows;
END
$$;
COMMENT ON FUNCTION anon.run_batch(bigint, oid, integer) IS
    'pgscrub: mask one batch of a key range and record it, in the caller''s transaction; NULL when the range is done';
