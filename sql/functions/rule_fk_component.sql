-- Every column joined to the given one by foreign keys, directly or through chains
-- (orders.user_id -> users.id <- payments.user_id), column by column for composite keys,
-- the column itself included. Those columns must be masked alike, or joins break.
CREATE OR REPLACE FUNCTION anon.rule_fk_component(p_schema name, p_table name, p_column name)
RETURNS TABLE (schema_name name, table_name name, column_name name)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    WITH RECURSIVE links AS (
        SELECT c.conrelid AS rel_a, k.a AS att_a, c.confrelid AS rel_b, k.b AS att_b
          FROM pg_catalog.pg_constraint c
          CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(c.conkey), pg_catalog.unnest(c.confkey)) AS k(a, b)
         WHERE c.contype = 'f'
    ), edges AS (
        SELECT rel_a, att_a, rel_b, att_b FROM links
        UNION SELECT rel_b, att_b, rel_a, att_a FROM links
    ), component (rel, att) AS (
        SELECT a.attrelid, a.attnum
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = p_schema AND t.relname = p_table AND a.attname = p_column AND NOT a.attisdropped
        UNION
        SELECT e.rel_b, e.att_b FROM component c JOIN edges e ON e.rel_a = c.rel AND e.att_a = c.att
    )
    SELECT n.nspname, t.relname, a.attname
      FROM component c
      JOIN pg_catalog.pg_class t ON t.oid = c.rel
      JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.att
     ORDER BY 1, 2, 3
$$;
COMMENT ON FUNCTION anon.rule_fk_component(name, name, name) IS
    'pgscrub: the columns joined to a column by foreign keys (transitively, composite keys column by column), itself included';
