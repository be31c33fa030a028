-- Take the masking-run advisory lock (RUN_LOCK in installer/pgscrub/locks.py: class
-- 0x70677363, key 2) for this session, or refuse at once, naming the session that holds
-- it: a second concurrent run must not wait forever, nor mask the same rows twice.
-- Session-level, so it outlives the COMMITs of the run; anon.run_unlock() releases it.
-- Returns false when this session already held it (a resumed run in the same session).
CREATE OR REPLACE FUNCTION anon.run_lock()
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_holder integer;
BEGIN
    IF anon.run_lock_holder() = pg_catalog.pg_backend_pid() THEN
        RETURN false;
    END IF;
    IF pg_catalog.pg_try_advisory_lock(1885827939, 2) THEN
        RETURN true;
    END IF;
    v_holder := anon.run_lock_holder();
    RAISE EXCEPTION 'another masking run is in progress in this database (backend pid %)', v_holder
        USING ERRCODE = 'lock_not_available',
              HINT = 'wait for it to finish (SELECT * FROM anon.progress), or stop it with '
                  || 'SELECT pg_terminate_backend(' || COALESCE(v_holder::text, 'pid') || '); '
                  || 'CALL anon.run_all() then resumes where it stopped';
END
$$;
COMMENT ON FUNCTION anon.run_lock() IS
    'pgscrub: take the masking-run advisory lock for this session, or refuse at once naming the holder';
