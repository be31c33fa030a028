-- The backend pid holding the masking-run advisory lock in this database, or NULL.
CREATE OR REPLACE FUNCTION anon.run_lock_holder()
RETURNS integer
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT l.pid FROM pg_catalog.pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted
       AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())
       AND l.classid = 1885827939 AND l.objid = 2 AND l.objsubid = 2
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.run_lock_holder() IS
    'pgscrub: the backend pid that holds the masking-run advisory lock, or NULL';
