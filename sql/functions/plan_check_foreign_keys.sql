-- A masked column that belongs to a foreign key keeps the key valid only when the
-- column on the other side is masked by the same rule (the same input gives the same
-- output). The run masks each side on its own with foreign-key triggers kept from firing
-- (an ON UPDATE CASCADE would otherwise mask the other side twice), so this is checked
-- here, before any row changes, and the keys are verified again after masking
-- (anon.run_check_foreign_keys). Raises naming the constraint and the rules.
CREATE OR REPLACE FUNCTION anon.plan_check_foreign_keys(p_tables oid[])
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_key record;
    v_child record;
    v_parent record;
    v_problem text;
BEGIN
    FOR v_key IN
        SELECT con.conname, con.conrelid::pg_catalog.regclass AS child, con.confrelid::pg_catalog.regclass AS parent,
               k.child_attnum, k.parent_attnum, ca.attname AS child_column, pa.attname AS parent_column
          FROM pg_catalog.pg_constraint con
         CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey), pg_catalog.unnest(con.confkey)) AS k(child_attnum, parent_attnum)
          JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_attnum
          JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_attnum
         WHERE con.contype = 'f' AND con.conparentid = 0
           AND (EXISTS (SELECT FROM anon.plan_leaves(con.conrelid) t(relid) WHERE t.relid = ANY (p_tables))
                OR EXISTS (SELECT FROM anon.plan_leaves(con.confrelid) t(relid) WHERE t.relid = ANY (p_tables)))
         ORDER BY con.conname, k.child_attnum
    LOOP
        SELECT * INTO v_child FROM anon.plan_columns(v_key.child) c WHERE c.attnum = v_key.child_attnum;
        SELECT * INTO v_parent FROM anon.plan_columns(v_key.parent) c WHERE c.attnum = v_key.parent_attnum;
        CONTINUE WHEN v_child.attnum IS NULL AND v_parent.attnum IS NULL;
        v_problem := CASE
            WHEN v_parent.attnum IS NULL
                THEN pg_catalog.format('%s.%I is masked (rule %s) but %s.%I is not', v_key.child, v_key.child_column,
                                       v_child.rule_ids[1], v_key.parent, v_key.parent_column)
            WHEN v_child.attnum IS NULL
                THEN pg_catalog.format('%s.%I is masked (rule %s) but %s.%I is not', v_key.parent, v_key.parent_column,
                                       v_parent.rule_ids[1], v_key.child, v_key.child_column)
            WHEN anon.column_expression(v_child.rule_schema, v_child.rule_table, v_child.column_name, 'v')
                 IS DISTINCT FROM
                 anon.column_expression(v_parent.rule_schema, v_parent.rule_table, v_parent.column_name, 'v')
                THEN pg_catalog.format('%s.%I (rule %s) and %s.%I (rule %s) are masked differently',
                                       v_key.child, v_key.child_column, v_child.rule_ids[1],
                                       v_key.parent, v_key.parent_column, v_parent.rule_ids[1])
        END;
        IF v_problem IS NOT NULL THEN
            RAISE EXCEPTION 'foreign key % would break: %', pg_catalog.quote_ident(v_key.conname), v_problem
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'give both columns of the key the same rule (same strategy, parameters and domain), '
                          || 'or mask neither; nothing was masked';
        END IF;
        IF NOT anon.run_can_skip_triggers() THEN
            RAISE EXCEPTION 'foreign key % (% -> %): masking its columns needs session_replication_role = replica',
                pg_catalog.quote_ident(v_key.conname), v_key.child, v_key.parent
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'run as a superuser, or GRANT SET ON PARAMETER session_replication_role TO '
                          || pg_catalog.quote_ident(CURRENT_USER::text) || ' (PostgreSQL 15+); nothing was masked';
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.plan_check_foreign_keys(oid[]) IS
    'pgscrub: raise, naming the key and rules, when masking would break a foreign key';
