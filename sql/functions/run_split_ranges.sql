-- The key ranges of a batched table: one, or p_jobs when the table is big enough
-- (4 batches or more) for `pgscrub run --jobs N` to mask it on N connections at once.
-- ctid: block ranges of the relation as it is now; keyset: primary keys at even offsets.
-- Returns the number of ranges.
CREATE OR REPLACE FUNCTION anon.run_split_ranges(p_run_id bigint, p_relid oid, p_jobs integer,
                                                 p_batch_size integer)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
SET datestyle = 'ISO, YMD'
SET intervalstyle = 'postgres'
SET extra_float_digits = 3
AS $$
DECLARE
    v_rt anon.run_tables;
    v_ranges integer;
    v_blocks bigint;
    v_lower text[];
    v_upper text[];
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid;
    v_ranges := CASE WHEN p_jobs > 1 AND v_rt.rows_total >= 4::bigint * p_batch_size THEN p_jobs ELSE 1 END;
    IF v_rt.method = 'ctid' THEN
        v_blocks := pg_catalog.pg_relation_size(p_relid::pg_catalog.regclass)
                    / pg_catalog.current_setting('block_size')::integer;
        v_ranges := GREATEST(LEAST(v_ranges, v_blocks), 1);
        INSERT INTO anon.run_ranges (run_id, schema_name, table_name, range_no, lower_key, upper_key)
        SELECT p_run_id, v_rt.schema_name, v_rt.table_name, i,
               ARRAY[((i - 1) * v_blocks / v_ranges - 1)::text], ARRAY[(i * v_blocks / v_ranges - 1)::text]
          FROM pg_catalog.generate_series(1, v_ranges) AS i;
        RETURN v_ranges;
    END IF;

    -- keyset: range i ends at the key of row i * rows / n (the last range is unbounded)
    FOR i IN 1 .. v_ranges LOOP
        v_upper := NULL;
        IF i < v_ranges THEN
            EXECUTE anon.plan_key_bound_sql(p_relid::pg_catalog.regclass, v_rt.key_columns)
               INTO v_upper
              USING NULL::text[], NULL::text[], i * v_rt.rows_total / v_ranges;
        END IF;
        INSERT INTO anon.run_ranges (run_id, schema_name, table_name, range_no, lower_key, upper_key)
        VALUES (p_run_id, v_rt.schema_name, v_rt.table_name, i, v_lower, v_upper);
        IF v_upper IS NULL THEN
            RETURN i;
        END IF;
        v_lower := v_upper;
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.run_split_ranges(bigint, oid, integer, integer) IS
    'pgscrub: record the key ranges of a batched table (one per job for big tables)';
