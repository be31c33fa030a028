-- Mask one table, committing after each step (start, rewrite or batch, compaction).
-- CALL anon.run_table('schema.table') from psql starts (or resumes) a run of that table
-- alone; a partitioned table stands for its partitions. With p_run_id it works for a
-- run another session started (anon.run_all, or `pgscrub run --jobs N`, whose workers
-- each take one key range, p_range, of a big batched table).
-- (A procedure: it COMMITs, so no SET search_path; everything is qualified by hand.)
CREATE OR REPLACE PROCEDURE anon.run_table(p_table regclass, p_run_id bigint DEFAULT NULL,
                                           p_range integer DEFAULT NULL, p_mode text DEFAULT 'rewrite',
                                           p_batch_size integer DEFAULT 10000)
LANGUAGE plpgsql
AS $$
DECLARE
    v_run bigint := p_run_id;
    v_relid oid;
    v_more boolean;
    v_failed boolean := false;
    v_state text;
    v_message text;
    v_hint text;
BEGIN
    IF v_run IS NULL THEN
        v_run := anon.run_begin(p_mode, p_batch_size, 1, ARRAY[p_table]);
    ELSE
        PERFORM anon.run_require_active(v_run);
    END IF;
    COMMIT;
    IF v_run IS NULL THEN
        RETURN;
    END IF;
    FOR v_relid IN SELECT t.relid FROM anon.run_pending_tables(v_run, p_table) AS t(relid) LOOP
        LOOP
            BEGIN
                v_more := anon.run_step(v_run, v_relid, p_range);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT,
                                        v_hint = PG_EXCEPTION_HINT;
                v_failed := true;
            END;
            IF v_failed THEN
                CALL anon.run_fail(v_run, v_relid, v_state, v_message, v_hint);
            END IF;
            COMMIT;
            EXIT WHEN NOT v_more;
        END LOOP;
    END LOOP;
    IF p_run_id IS NULL THEN
        CALL anon.run_finish(v_run);
    END IF;
END
$$;
COMMENT ON PROCEDURE anon.run_table(regclass, bigint, integer, text, integer) IS
    'pgscrub: mask one table (or the partitions of one), committing each step; resumable';
