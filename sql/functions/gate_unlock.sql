-- Lift the staging gate: only once the latest masking run has validated clean, unless
-- p_force (the escape hatch for humans: `pgscrub unlock --force`, recorded as a
-- forced_unlock event with the reason and the run's status). Restores exactly the state
-- recorded by anon.gate_lock: the database privileges (GRANT/REVOKE until the effective
-- privileges equal the recorded ones) and each application role's LOGIN/NOLOGIN.
CREATE OR REPLACE FUNCTION anon.gate_unlock(p_force boolean DEFAULT false, p_reason text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_gate   anon.gate;
    v_run    anon.runs;
    v_db     name := pg_catalog.current_database();
    v_change record;
    v_role   record;
BEGIN
    SELECT * INTO v_gate FROM anon.gate FOR UPDATE;
    IF v_gate.state = 'unlocked' THEN
        RETURN pg_catalog.format('the gate of %s is not locked; nothing to do', v_db);
    END IF;
    SELECT * INTO v_run FROM anon.runs r ORDER BY r.run_id DESC LIMIT 1;
    IF NOT p_force AND v_run.status IS DISTINCT FROM 'clean' THEN
        RAISE EXCEPTION 'the gate of % stays locked: %', v_db,
                        CASE WHEN v_run.run_id IS NULL THEN 'no masking run has validated clean yet'
                             ELSE pg_catalog.format('the latest run (%s) is %s, not clean', v_run.run_id, v_run.status) END
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'see what is MISSED (SELECT * FROM anon.validation WHERE status = ''MISSED''), fix it and '
                      || 'run the pipeline again; or lift the gate by hand: pgscrub unlock --force (recorded)';
    END IF;
    PERFORM anon.gate_check_privileges(ARRAY(SELECT pg_catalog.jsonb_object_keys(v_gate.previous_state -> 'roles'))::name[]);

    -- Effective privileges (NULL datacl = the defaults) compared item by item.
    FOR v_change IN
        WITH d AS (SELECT x.datdba, x.datacl FROM pg_catalog.pg_database x WHERE x.datname = v_db),
             want AS (SELECT a.grantee, a.privilege_type, a.is_grantable
                        FROM d, pg_catalog.aclexplode(COALESCE(
                                 (SELECT pg_catalog.array_agg(e::pg_catalog.aclitem)
                                    FROM pg_catalog.jsonb_array_elements_text(
                                             NULLIF(v_gate.previous_state -> 'datacl', 'null'::jsonb)) AS e),
                                 pg_catalog.acldefault('d', d.datdba))) AS a),
             have AS (SELECT a.grantee, a.privilege_type, a.is_grantable
                        FROM d, pg_catalog.aclexplode(COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba))) AS a)
        SELECT 'revoke' AS action, h.* FROM (TABLE have EXCEPT TABLE want) AS h
        UNION ALL
        SELECT 'grant', w.* FROM (TABLE want EXCEPT TABLE have) AS w
        ORDER BY 1 DESC
    LOOP
        IF v_change.action = 'revoke' THEN
            EXECUTE pg_catalog.format('REVOKE %s%s ON DATABASE %I FROM %s CASCADE',
                CASE WHEN v_change.is_grantable THEN 'GRANT OPTION FOR ' ELSE '' END,
                v_change.privilege_type, v_db,
                CASE WHEN v_change.grantee = 0 THEN 'PUBLIC'
                     ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(v_change.grantee)) END);
        ELSE
            EXECUTE pg_catalog.format('GRANT %s ON DATABASE %I TO %s%s',
                v_change.privilege_type, v_db,
                CASE WHEN v_change.grantee = 0 THEN 'PUBLIC'
                     ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(v_change.grantee)) END,
                CASE WHEN v_change.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
        END IF;
    END LOOP;
    FOR v_role IN
        SELECT k AS rolname, v::boolean AS canlogin
          FROM pg_catalog.jsonb_each_text(v_gate.previous_state -> 'roles') AS e(k, v)
         WHERE EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = k)
    LOOP
        EXECUTE pg_catalog.format('ALTER ROLE %I %s', v_role.rolname,
                                  CASE WHEN v_role.canlogin THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END LOOP;

    UPDATE anon.gate
       SET state = 'unlocked', previous_state = NULL,
           changed_at = pg_catalog.clock_timestamp(), changed_by = SESSION_USER;
    INSERT INTO anon.gate_events (event, run_id, detail)
    VALUES (CASE WHEN p_force THEN 'forced_unlock' ELSE 'unlocked' END, v_run.run_id,
            pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                'database', v_db, 'run_status', v_run.status, 'reason', p_reason)));
    RETURN pg_catalog.format('%s the gate of %s%s', CASE WHEN p_force THEN 'forced open' ELSE 'unlocked' END, v_db,
                             CASE WHEN v_run.run_id IS NULL THEN ''
                                  ELSE pg_catalog.format(' (run %s is %s)', v_run.run_id, v_run.status) END);
END
$$;
REVOKE ALL ON FUNCTION anon.gate_unlock(boolean, text) FROM PUBLIC;
COMMENT ON FUNCTION anon.gate_unlock(boolean, text) IS
    'pgscrub: lift the staging gate after a clean validation (or forced, recorded), restoring the recorded privileges';
