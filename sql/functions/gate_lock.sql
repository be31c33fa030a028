-- Lock the staging gate before masking: nobody but pgscrub may connect until validation
-- passes. REVOKE CONNECT from PUBLIC and from every role granted it explicitly (the
-- application roles included), keep CONNECT for the role running pgscrub, make the listed
-- application roles NOLOGIN and end their sessions on this database (when allowed to).
-- The state before the first lock (datacl, each role's rolcanlogin) goes into
-- anon.gate.previous_state so that anon.gate_unlock restores exactly that; locking again
-- while locked re-applies the lock and keeps the original state.
-- p_app_roles NULL: the roles of the last lock. p_new_database: the database was created
-- for this restore with CONNECT already revoked: unlocking gives it the default privileges.
CREATE OR REPLACE FUNCTION anon.gate_lock(p_app_roles name[] DEFAULT NULL, p_run_id bigint DEFAULT NULL,
                                          p_new_database boolean DEFAULT false)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_gate       anon.gate;
    v_roles      name[];
    v_role       name;
    v_datacl     aclitem[];
    v_previous   jsonb;
    v_terminated bigint := 0;
    v_others     bigint;
    v_db         name := pg_catalog.current_database();
    v_detail     jsonb;
BEGIN
    SELECT * INTO v_gate FROM anon.gate FOR UPDATE;
    v_roles := COALESCE(p_app_roles, v_gate.app_roles);
    PERFORM anon.gate_check_privileges(v_roles);
    SELECT d.datacl INTO v_datacl FROM pg_catalog.pg_database d WHERE d.datname = v_db;

    v_previous := CASE WHEN v_gate.state = 'locked' THEN v_gate.previous_state
                       ELSE pg_catalog.jsonb_build_object(
                                'datacl', CASE WHEN p_new_database THEN NULL
                                               ELSE pg_catalog.to_jsonb(v_datacl::pg_catalog.text[]) END,
                                'roles', '{}'::jsonb) END;
    FOREACH v_role IN ARRAY v_roles LOOP
        IF NOT v_previous -> 'roles' ? v_role THEN
            v_previous := pg_catalog.jsonb_set(v_previous, ARRAY['roles', v_role],
                (SELECT pg_catalog.to_jsonb(r.rolcanlogin) FROM pg_catalog.pg_roles r WHERE r.rolname = v_role));
        END IF;
    END LOOP;

    EXECUTE pg_catalog.format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', v_db);
    FOR v_role IN
        SELECT DISTINCT r.rolname
          FROM pg_catalog.pg_database d
         CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) AS x
          JOIN pg_catalog.pg_roles r ON r.oid = x.grantee
         WHERE d.datname = v_db AND x.privilege_type = 'CONNECT' AND r.rolname <> CURRENT_USER
    LOOP
        EXECUTE pg_catalog.format('REVOKE CONNECT ON DATABASE %I FROM %I CASCADE', v_db, v_role);
    END LOOP;
    IF NOT pg_catalog.has_database_privilege(v_db, 'CONNECT') THEN
        EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO %I', v_db, CURRENT_USER);
    END IF;
    FOREACH v_role IN ARRAY v_roles LOOP
        EXECUTE pg_catalog.format('ALTER ROLE %I NOLOGIN', v_role);
    END LOOP;

    -- Sessions already open keep working after REVOKE CONNECT: end the application's.
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER)
       OR pg_catalog.pg_has_role('pg_signal_backend', 'MEMBER') THEN
        SELECT pg_catalog.count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid)) INTO v_terminated
          FROM pg_catalog.pg_stat_activity a
          JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid
         WHERE a.datname = v_db AND r.rolname = ANY (v_roles) AND a.pid <> pg_catalog.pg_backend_pid()
           AND (NOT r.rolsuper OR (SELECT m.rolsuper FROM pg_catalog.pg_roles m WHERE m.rolname = CURRENT_USER));
    END IF;
    SELECT pg_catalog.count(*) INTO v_others
      FROM pg_catalog.pg_stat_activity a
     WHERE a.datname = v_db AND a.pid <> pg_catalog.pg_backend_pid() AND a.backend_type = 'client backend'
       AND NOT (a.usename = ANY (v_roles));

    v_detail := pg_catalog.jsonb_build_object(
        'database', v_db, 'app_roles', pg_catalog.to_jsonb(v_roles), 'relocked', v_gate.state = 'locked',
        'sessions_ended', v_terminated, 'other_sessions', v_others);
    UPDATE anon.gate
       SET state = 'locked', app_roles = v_roles, previous_state = v_previous,
           changed_at = pg_catalog.clock_timestamp(), changed_by = SESSION_USER;
    INSERT INTO anon.gate_events (event, run_id, detail) VALUES ('locked', p_run_id, v_detail);
    RETURN v_detail;
END
$$;
REVOKE ALL ON FUNCTION anon.gate_lock(name[], bigint, boolean) FROM PUBLIC;
COMMENT ON FUNCTION anon.gate_lock(name[], bigint, boolean) IS
    'pgscrub: lock the staging gate (REVOKE CONNECT, NOLOGIN for application roles), recording what to restore';
