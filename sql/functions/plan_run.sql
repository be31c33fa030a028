-- The plan of a masking run, without changing anything: which tables (leaf tables with
-- reviewed rules, in foreign-key order), which columns, how (rewrite, keyset or ctid,
-- and why), how many rows, and the exact statement. `pgscrub run --dry-run` prints it;
-- anon.run_begin() records it in the ledger. Raises, naming the rule, when a rule cannot
-- apply (anon.plan_check_rules, anon.preflight_rules, anon.plan_check_expression,
-- anon.plan_check_foreign_keys, anon.plan_check_user_code): nothing is masked then.
-- Columns a finished run already masked (same table, same column) are left out: a
-- second run never masks a value twice; unless none of the masked rows that run sampled
-- is left (anon.run_masked_data_present): the table was reloaded, its values are
-- originals again.
CREATE OR REPLACE FUNCTION anon.plan_run(p_mode text DEFAULT 'rewrite', p_tables regclass[] DEFAULT NULL,
                                         p_count_rows boolean DEFAULT false)
RETURNS TABLE (
    "position"   integer,
    relid        oid,
    schema_name  name,
    table_name   name,
    method       text,
    reason       text,
    columns      name[],
    attnums      smallint[],
    key_columns  name[],
    rows_total   bigint,
    masking_sql  text
)
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_table record;
    v_column record;
    v_planned oid[] := '{}';
    v_plans jsonb := '{}';
    v_attnums smallint[];
    v_masked_attnums smallint[];
    v_columns name[];
    v_expressions text[];
    v_subquery boolean;
    v_method record;
    v_rows bigint;
    v_rule_table pg_catalog.regclass;
    v_preflighted pg_catalog.regclass[] := '{}';
BEGIN
    IF p_mode IS NULL OR p_mode NOT IN ('rewrite', 'batched') THEN
        RAISE EXCEPTION 'unknown masking mode %', pg_catalog.quote_literal(p_mode)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'use ''rewrite'' (one rewrite per table, the default) or ''batched'' (short locks)';
    END IF;
    PERFORM anon.plan_check_rules();
    PERFORM pg_catalog.set_config('row_security', 'off', true);

    FOR v_table IN
        SELECT DISTINCT c.oid, n.nspname, c.relname, c.reltuples
          FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND c.relpersistence <> 't'
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'anon')
           AND n.nspname NOT LIKE 'pg\_toast%'
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
           AND (p_tables IS NULL
                OR c.oid IN (SELECT t.relid FROM pg_catalog.unnest(p_tables) AS p(tab)
                              CROSS JOIN LATERAL anon.plan_leaves(p.tab) AS t(relid)))
    LOOP
        v_attnums := '{}';
        v_columns := '{}';
        v_expressions := '{}';
        v_subquery := false;
        SELECT pg_catalog.array_agg(a.attnum) INTO v_masked_attnums
          FROM anon.run_tables done CROSS JOIN LATERAL pg_catalog.unnest(done.attnums) AS a(attnum)
         WHERE done.relid = v_table.oid AND done.status = 'done'
           AND anon.run_masked_data_present(done.relid, done.masked_sample);
        FOR v_column IN
            SELECT pc.* FROM anon.plan_columns(v_table.oid::pg_catalog.regclass) pc
             WHERE NOT pc.attnum = ANY (COALESCE(v_masked_attnums, '{}'))
             ORDER BY pc.attnum
        LOOP
            v_rule_table := pg_catalog.format('%I.%I', v_column.rule_schema, v_column.rule_table)::pg_catalog.regclass;
            IF NOT v_rule_table = ANY (v_preflighted) THEN
                -- before preflight writes sample rows (and so evaluates the constraints)
                PERFORM anon.plan_check_user_code(ARRAY[v_rule_table::pg_catalog.oid, v_table.oid]);
                PERFORM anon.preflight_rules(v_rule_table);
                v_preflighted := v_preflighted || v_rule_table;
            END IF;
            v_subquery := anon.plan_check_expression(v_table.oid::pg_catalog.regclass, v_column.column_name,
                                                     v_column.expression, v_column.rule_ids[1],
                                                     v_column.strategies[1])
                          OR v_subquery;
            v_attnums := v_attnums || v_column.attnum;
            v_columns := v_columns || v_column.column_name;
            v_expressions := v_expressions || v_column.expression;
        END LOOP;
        CONTINUE WHEN pg_catalog.cardinality(v_attnums) = 0;

        SELECT * INTO v_method
          FROM anon.plan_method(v_table.oid::pg_catalog.regclass, p_mode, v_attnums, v_subquery);
        IF p_count_rows OR v_table.reltuples < 0 THEN
            EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM ONLY %s', v_table.oid::pg_catalog.regclass)
               INTO v_rows;
        ELSE
            v_rows := v_table.reltuples::bigint;
        END IF;
        v_planned := v_planned || v_table.oid;
        v_plans := v_plans || pg_catalog.jsonb_build_object(v_table.oid::text, pg_catalog.jsonb_build_object(
            'schema_name', v_table.nspname, 'table_name', v_table.relname,
            'method', v_method.method, 'reason', v_method.reason,
            'columns', v_columns, 'attnums', v_attnums,
            'key_columns', COALESCE(v_method.key_columns, '{}'),
            'rows_total', v_rows,
            'masking_sql', anon.plan_masking_sql(v_table.oid::pg_catalog.regclass, v_method.method, v_attnums,
                                                 v_expressions, v_method.key_columns)));
    END LOOP;

    PERFORM anon.plan_check_foreign_keys(v_planned);
    PERFORM anon.plan_check_user_code(v_planned);

    RETURN QUERY
    SELECT o."position", o.relid, (p.plan ->> 'schema_name')::name, (p.plan ->> 'table_name')::name,
           p.plan ->> 'method', p.plan ->> 'reason',
           ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p.plan -> 'columns'))::name[],
           ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p.plan -> 'attnums'))::smallint[],
           ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p.plan -> 'key_columns'))::name[],
           (p.plan ->> 'rows_total')::bigint, p.plan ->> 'masking_sql'
      FROM anon.plan_table_order(v_planned) o
     CROSS JOIN LATERAL (SELECT v_plans -> o.relid::text AS plan) p
     ORDER BY o."position";
END
$$;
COMMENT ON FUNCTION anon.plan_run(text, regclass[], boolean) IS
    'pgscrub: what a masking run would do, per table in foreign-key order, with the exact SQL; changes nothing';
