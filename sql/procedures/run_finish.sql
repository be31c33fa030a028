-- Finish a run: compact the batched tables (waiting up to p_wait_seconds for sessions
-- that still see their old rows), verify foreign keys, refresh materialized views, mark
-- the run masked, release the run lock. Leaves the run open, with a NOTICE, while
-- tables are left to mask.
-- (A procedure: it COMMITs, so no SET search_path; everything is qualified by hand.)
CREATE OR REPLACE PROCEDURE anon.run_finish(p_run_id bigint, p_wait_seconds integer DEFAULT 300)
LANGUAGE plpgsql
AS $$
DECLARE
    v_relid oid;
    v_failed boolean := false;
    v_state text;
    v_message text;
    v_hint text;
BEGIN
    FOR v_relid IN SELECT t.relid FROM anon.run_compactions_pending(p_run_id) AS t(relid) LOOP
        BEGIN
            PERFORM anon.run_compact_waiting(p_run_id, v_relid, p_wait_seconds);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
            v_failed := true;
        END;
        IF v_failed THEN
            CALL anon.run_fail(p_run_id, v_relid, v_state, v_message, v_hint);
        END IF;
        COMMIT;
    END LOOP;
    BEGIN
        PERFORM anon.run_complete(p_run_id);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
        v_failed := true;
    END;
    IF v_failed THEN
        CALL anon.run_fail(p_run_id, NULL, v_state, v_message, v_hint);
    END IF;
    COMMIT;
    PERFORM anon.run_unlock();
END
$$;
COMMENT ON PROCEDURE anon.run_finish(bigint, integer) IS
    'pgscrub: compact batched tables, verify keys, refresh materialized views, mark the run masked, unlock';
