-- Whether this session may set session_replication_role = replica, which keeps every
-- trigger and rule that is not ENABLE ALWAYS / ENABLE REPLICA from firing, foreign-key
-- triggers included (superusers, or GRANT SET ON PARAMETER session_replication_role on
-- PostgreSQL 15+). Without it, masking a column that belongs to a foreign key is refused.
CREATE OR REPLACE FUNCTION anon.run_can_skip_triggers()
RETURNS boolean
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_granted boolean := false;
BEGIN
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) THEN
        RETURN true;
    END IF;
    IF pg_catalog.current_setting('server_version_num')::integer >= 150000 THEN
        EXECUTE 'SELECT pg_catalog.has_parameter_privilege(''session_replication_role'', ''SET'')'
           INTO v_granted;
    END IF;
    RETURN v_granted;
END
$$;
COMMENT ON FUNCTION anon.run_can_skip_triggers() IS
    'pgscrub: may this session set session_replication_role (and so keep foreign-key triggers from firing)?';
