-- Up to 3 before -> after examples per masked column of a table, for the report:
-- before is partial (anon.partial: j***@gmail.com), never the value; after is what the
-- column's expression makes of that value (the maskers are deterministic).
-- Called before the table's rows change. Returns how many examples were recorded.
CREATE OR REPLACE FUNCTION anon.run_capture_examples(p_run_id bigint, p_relid oid)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rt anon.run_tables;
    v_column record;
    v_kind text;
    v_example record;
    v_ordinal integer;
    v_count integer := 0;
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid;
    FOR v_column IN
        SELECT pc.*, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_sql
          FROM anon.plan_columns(p_relid::pg_catalog.regclass) pc
          JOIN pg_catalog.pg_attribute a ON a.attrelid = p_relid AND a.attnum = pc.attnum
         WHERE pc.attnum = ANY (v_rt.attnums)
    LOOP
        SELECT f.detector INTO v_kind FROM anon.findings f
         WHERE (f.schema_name, f.table_name, f.column_name) = (v_column.rule_schema, v_column.rule_table, v_column.column_name)
         ORDER BY f.confidence DESC, f.detector LIMIT 1;
        v_kind := COALESCE(v_kind, v_column.strategies[1]);
        v_ordinal := 0;
        FOR v_example IN EXECUTE pg_catalog.format(
                'SELECT %1$I::pg_catalog.text AS before, CAST(%2$s AS %3$s)::pg_catalog.text AS after '
                'FROM ONLY %4$s WHERE %1$I IS NOT NULL LIMIT 3',
                v_column.column_name, v_column.expression, v_column.type_sql, p_relid::pg_catalog.regclass)
        LOOP
            v_ordinal := v_ordinal + 1;
            INSERT INTO anon.run_examples (run_id, schema_name, table_name, column_name, ordinal,
                                           before_partial, after_value)
            VALUES (p_run_id, v_rt.schema_name, v_rt.table_name, v_column.column_name, v_ordinal,
                    anon.partial(v_example.before, v_kind), pg_catalog.left(v_example.after, 200))
            ON CONFLICT DO NOTHING;
        END LOOP;
        v_count := v_count + v_ordinal;
    END LOOP;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.run_capture_examples(bigint, oid) IS
    'pgscrub: record up to 3 partial-before -> after examples per masked column of a table';
