-- The next unit of work on one table of a run, to be committed by the caller
-- (anon.run_table): start it (count, fingerprints, examples), or rewrite it, or mask one
-- batch of a key range (p_range, or the first one left), or compact it once all its
-- ranges are masked. Returns whether this caller has more to do on the table; false
-- when it is done, when other workers are finishing its ranges, or when compaction
-- must wait for older sessions (anon.run_finish then waits for them).
CREATE OR REPLACE FUNCTION anon.run_step(p_run_id bigint, p_relid oid, p_range integer DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rt anon.run_tables;
    v_range integer := p_range;
BEGIN
    SELECT * INTO v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'table % is not part of masking run %', p_relid::pg_catalog.regclass, p_run_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_rt.status IN ('done', 'skipped') THEN
        RETURN false;
    END IF;
    IF v_rt.started_at IS NULL THEN
        PERFORM anon.run_table_start(p_run_id, p_relid);
        RETURN true;
    END IF;
    IF v_rt.method = 'rewrite' THEN
        PERFORM anon.run_rewrite(p_run_id, p_relid);
        RETURN false;
    END IF;
    IF v_rt.masked_at IS NULL THEN
        IF v_range IS NULL THEN
            SELECT pg_catalog.min(g.range_no) INTO v_range FROM anon.run_ranges g
             WHERE (g.run_id, g.schema_name, g.table_name) = (p_run_id, v_rt.schema_name, v_rt.table_name)
               AND NOT g.done;
        END IF;
        RETURN v_range IS NOT NULL AND anon.run_batch(p_run_id, p_relid, v_range) IS NOT NULL;
    END IF;
    PERFORM anon.run_compact(p_run_id, p_relid);
    RETURN false;
END
$$;
COMMENT ON FUNCTION anon.run_step(bigint, oid, integer) IS
    'pgscrub: do the next unit of work on a table of a run (start, rewrite, one batch or compaction); true if more';
