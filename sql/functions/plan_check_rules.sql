-- Before a run is planned: every reviewed rule must name an existing table (or
-- materialized view) and column, or the run would silently leave that column as it is.
-- Nor may a masking rule name a partition key column (anon.rule_partition_key).
-- Raises naming the first rule that cannot apply.
CREATE OR REPLACE FUNCTION anon.plan_check_rules()
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_rule record;
BEGIN
    SELECT r.rule_id, r.schema_name, r.table_name, r.column_name, r.strategy,
           c.oid IS NULL AS table_missing
      INTO v_rule
      FROM anon.rules r
      LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = r.schema_name
      LEFT JOIN pg_catalog.pg_class c
             ON c.relnamespace = n.oid
            AND c.relname = r.table_name
            AND c.relkind IN ('r', 'p', 'm')
      LEFT JOIN pg_catalog.pg_attribute a
             ON a.attrelid = c.oid
            AND a.attname = r.column_name
            AND a.attnum > 0
            AND NOT a.attisdropped
     WHERE r.reviewed
       AND r.strategy <> 'keep'
       AND a.attnum IS NULL
     ORDER BY r.rule_id
     LIMIT 1;
    IF NOT FOUND THEN
        SELECT r.rule_id, r.schema_name, r.table_name, r.column_name, r.strategy,
               anon.rule_partition_key(r.schema_name, r.table_name, r.column_name) AS partitioned
          INTO v_rule
          FROM anon.rules r
         WHERE r.reviewed AND r.strategy <> 'keep' AND r.json_path = ''
           AND anon.rule_partition_key(r.schema_name, r.table_name, r.column_name) IS NOT NULL
         ORDER BY r.rule_id
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'rule % (%.%.%, strategy %) cannot apply: the column is part of the partition key of %',
                v_rule.rule_id, pg_catalog.quote_ident(v_rule.schema_name), pg_catalog.quote_ident(v_rule.table_name),
                pg_catalog.quote_ident(v_rule.column_name), v_rule.strategy, v_rule.partitioned
                USING ERRCODE = 'feature_not_supported',
                      HINT = 'a masked value would belong in another partition; set the rule''s strategy to keep '
                          || '(pgscrub rules export, edit, pgscrub rules import); nothing was masked';
        END IF;
        RETURN;
    END IF;
    RAISE EXCEPTION 'rule % (%.%.%, strategy %) cannot apply: %',
        v_rule.rule_id, pg_catalog.quote_ident(v_rule.schema_name), pg_catalog.quote_ident(v_rule.table_name),
        pg_catalog.quote_ident(v_rule.column_name), v_rule.strategy,
        CASE WHEN v_rule.table_missing THEN 'the table does not exist'
             ELSE 'the column does not exist (dropped or renamed?)' END
        USING ERRCODE = CASE WHEN v_rule.table_missing THEN 'undefined_table' ELSE 'undefined_column' END,
              HINT = 'fix or delete the rule (pgscrub rules export, edit, pgscrub rules import), then run again; '
                  || 'nothing was masked';
END
$$;
COMMENT ON FUNCTION anon.plan_check_rules() IS
    'pgscrub: raise, naming the rule, when a reviewed rule names a table or column that does not exist';
