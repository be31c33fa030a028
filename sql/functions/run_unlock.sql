-- Release the masking-run advisory lock if this session holds it (however many times).
CREATE OR REPLACE FUNCTION anon.run_unlock()
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
BEGIN
    WHILE anon.run_lock_holder() = pg_catalog.pg_backend_pid() LOOP
        PERFORM pg_catalog.pg_advisory_unlock(1885827939, 2);
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.run_unlock() IS
    'pgscrub: release the masking-run advisory lock held by this session';
