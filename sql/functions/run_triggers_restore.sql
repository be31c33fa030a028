-- Put back, in the same transaction, the triggers and rules anon.run_triggers_off()
-- disabled, each in its own state: O (ENABLE), A (ENABLE ALWAYS), R (ENABLE REPLICA).
CREATE OR REPLACE FUNCTION anon.run_triggers_restore(p_table regclass, p_disabled jsonb)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_item record;
BEGIN
    FOR v_item IN SELECT * FROM pg_catalog.jsonb_to_recordset(p_disabled) AS x(kind text, name name, state text) LOOP
        EXECUTE pg_catalog.format('ALTER TABLE ONLY %s ENABLE %s%s %I', p_table,
            CASE v_item.state WHEN 'A' THEN 'ALWAYS ' WHEN 'R' THEN 'REPLICA ' ELSE '' END,
            CASE v_item.kind WHEN 'RULE' THEN 'RULE' ELSE 'TRIGGER' END, v_item.name);
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.run_triggers_restore(regclass, jsonb) IS
    'pgscrub: re-enable the triggers and rules anon.run_triggers_off() disabled, each in its original state';
