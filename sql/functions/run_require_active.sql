-- A worker (pgscrub run --jobs N) joins a run another session started: the run must be
-- unfinished and its lock held, so that no second run can start meanwhile.
CREATE OR REPLACE FUNCTION anon.run_require_active(p_run_id bigint)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
BEGIN
    PERFORM anon.require_secret();
    IF NOT EXISTS (SELECT FROM anon.runs r WHERE r.run_id = p_run_id AND r.status IN ('running', 'failed')) THEN
        RAISE EXCEPTION 'masking run % is not in progress', p_run_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'CALL anon.run_all() (or pgscrub run) starts or resumes a run';
    END IF;
    IF anon.run_lock_holder() IS NULL THEN
        RAISE EXCEPTION 'masking run % has no session holding its lock', p_run_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'CALL anon.run_all() (or pgscrub run) resumes it';
    END IF;
END
$$;
COMMENT ON FUNCTION anon.run_require_active(bigint) IS
    'pgscrub: raise unless a run is in progress with its lock held (for workers joining it)';
