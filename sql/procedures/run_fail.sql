-- The failure path of the run procedures: record the failed step in the ledger
-- (anon.run_failed, no row values), commit that, release the run lock if this session
-- holds it, and raise the error again without its DETAIL. What was committed before
-- stays: CALL anon.run_all() resumes from there.
-- (A procedure: it COMMITs, so no SET search_path; everything is qualified by hand.)
CREATE OR REPLACE PROCEDURE anon.run_fail(p_run_id bigint, p_relid oid, p_sqlstate text, p_message text,
                                          p_hint text)
LANGUAGE plpgsql
AS $$
DECLARE
    v_message text;
BEGIN
    v_message := anon.run_failed(p_run_id, p_relid, p_sqlstate, p_message);
    COMMIT;
    PERFORM anon.run_unlock();
    RAISE EXCEPTION USING
        ERRCODE = p_sqlstate,
        MESSAGE = v_message,
        HINT = COALESCE(NULLIF(p_hint, ''), 'fix the cause, then CALL anon.run_all() to resume the run');
END
$$;
COMMENT ON PROCEDURE anon.run_fail(bigint, oid, text, text, text) IS
    'pgscrub: record a failed run step, release the run lock, raise the error again without row values';
