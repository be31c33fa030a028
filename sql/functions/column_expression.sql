-- The SQL expression that masks one column: built from the column's reviewed rules, used
-- by the run (UPDATE ... SET col = <expression>) and shown by `pgscrub run --dry-run`.
-- FOUNDATION STUB: strategies keep, null, constant and hash only; the rules work (issue 4)
-- replaces it with every strategy, JSON paths and constraint checks.
CREATE OR REPLACE FUNCTION anon.column_expression(p_schema name, p_table name, p_column name, p_value_sql text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_rule anon.rules;
BEGIN
    SELECT * INTO v_rule FROM anon.rules r
     WHERE r.schema_name = p_schema AND r.table_name = p_table AND r.column_name = p_column
       AND r.json_path = '' AND r.reviewed;
    IF NOT FOUND OR v_rule.strategy = 'keep' THEN
        RETURN NULL;
    END IF;
    RETURN CASE v_rule.strategy
        WHEN 'null' THEN 'NULL'
        WHEN 'constant' THEN pg_catalog.quote_literal(v_rule.params ->> 'value')
        WHEN 'hash' THEN pg_catalog.format('pg_catalog.encode(anon.keyed_hash(%L, %s::pg_catalog.text), ''hex'')',
                                           'hash', p_value_sql)
        ELSE NULL
    END;
END
$$;
COMMENT ON FUNCTION anon.column_expression(name, name, name, text) IS
    'pgscrub: SQL expression computing the masked value of a column from its reviewed rules (NULL: nothing to do)';
