-- Before the gate changes anything: refuse, saying what is needed, unless the current role
-- can change CONNECT on this database (its owner or a superuser) and set each application
-- role LOGIN/NOLOGIN (CREATEROLE, or superuser for superuser roles), and unless an
-- application role is the one running pgscrub (it would lock itself out).
CREATE OR REPLACE FUNCTION anon.gate_check_privileges(p_app_roles name[])
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_me    pg_catalog.pg_roles;
    v_owner name;
    v_role  name;
    v_super boolean;
BEGIN
    SELECT * INTO v_me FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER;
    SELECT pg_catalog.pg_get_userbyid(d.datdba) INTO v_owner
      FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database();
    IF NOT (v_me.rolsuper OR pg_catalog.pg_has_role(v_owner, 'USAGE')) THEN
        RAISE EXCEPTION 'role % may not lock or unlock database %: only its owner (%) or a superuser can change who may connect',
                        CURRENT_USER, pg_catalog.current_database(), v_owner
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'run pgscrub as the database owner or a superuser';
    END IF;
    FOREACH v_role IN ARRAY COALESCE(p_app_roles, '{}') LOOP
        SELECT r.rolsuper INTO v_super FROM pg_catalog.pg_roles r WHERE r.rolname = v_role;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'application role % does not exist', v_role
                USING ERRCODE = 'undefined_object',
                      HINT = 'check the --app-role names (SELECT rolname FROM pg_roles)';
        END IF;
        IF v_role IN (CURRENT_USER, SESSION_USER) THEN
            RAISE EXCEPTION 'role % runs pgscrub: the gate cannot make it NOLOGIN without locking itself out', v_role
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'run pgscrub as a role the application does not use, or leave this role out of --app-role';
        END IF;
        IF v_super AND NOT v_me.rolsuper THEN
            RAISE EXCEPTION 'application role % is a superuser: only a superuser can make it NOLOGIN', v_role
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'run pgscrub as a superuser, or give the application a role that is not a superuser';
        END IF;
        IF NOT (v_me.rolsuper OR v_me.rolcreaterole) THEN
            RAISE EXCEPTION 'role % may not make application role % NOLOGIN: that needs CREATEROLE or superuser',
                            CURRENT_USER, v_role
                USING ERRCODE = 'insufficient_privilege',
                      HINT = pg_catalog.format('ALTER ROLE %I CREATEROLE (as a superuser), run pgscrub as a superuser, '
                                               'or leave --app-role out (CONNECT is still revoked)', CURRENT_USER);
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.gate_check_privileges(name[]) IS
    'pgscrub: refuse clearly unless the current role may lock/unlock the database and the application roles';
