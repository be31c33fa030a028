-- For the rest of the current transaction (one masking batch), keep the table's
-- triggers and rules from firing: they could copy PII into audit tables, send
-- notifications or run code as their owner. session_replication_role = replica (SET
-- LOCAL) silences the ordinary ones, foreign-key triggers included, without touching the
-- catalog; triggers and rules set to ENABLE ALWAYS or ENABLE REPLICA still fire in that
-- mode, so those (or all of them, for a role that may not set the parameter) are
-- disabled by ALTER TABLE in this same transaction. anon.run_triggers_restore() puts them
-- back before it commits, exactly as they were: a crash rolls both back, nothing to repair.
-- Returns what was disabled.
CREATE OR REPLACE FUNCTION anon.run_triggers_off(p_table regclass)
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_replica boolean := anon.run_can_skip_triggers();
    v_item record;
    v_disabled jsonb := '[]';
BEGIN
    IF v_replica THEN
        PERFORM pg_catalog.set_config('session_replication_role', 'replica', true);
    END IF;
    FOR v_item IN
        SELECT 'TRIGGER' AS kind, g.tgname AS name, g.tgenabled AS state
          FROM pg_catalog.pg_trigger g
         WHERE g.tgrelid = p_table AND NOT g.tgisinternal AND g.tgenabled <> 'D'
           AND (NOT v_replica OR g.tgenabled IN ('A', 'R'))
        UNION ALL
        SELECT 'RULE', r.rulename, r.ev_enabled
          FROM pg_catalog.pg_rewrite r
         WHERE r.ev_class = p_table AND r.rulename <> '_RETURN' AND r.ev_enabled <> 'D'
           AND (NOT v_replica OR r.ev_enabled IN ('A', 'R'))
         ORDER BY 1, 2
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE ONLY %s DISABLE %s %I', p_table, v_item.kind, v_item.name);
        v_disabled := v_disabled || pg_catalog.jsonb_build_object('kind', v_item.kind, 'name', v_item.name,
                                                                 'state', v_item.state);
    END LOOP;
    RETURN v_disabled;
END
$$;
COMMENT ON FUNCTION anon.run_triggers_off(regclass) IS
    'pgscrub: keep the table''s triggers and rules from firing for the rest of this transaction; returns what it disabled';
