-- Whether a column takes part in a primary key, unique constraint or unique index
-- (expression indexes that use it included): its masked values must stay distinct.
CREATE OR REPLACE FUNCTION anon.rule_is_unique(p_schema name, p_table name, p_column name)
RETURNS boolean
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT EXISTS (
        SELECT FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
          JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attname = p_column
         WHERE n.nspname = p_schema AND t.relname = p_table AND i.indisunique
           AND (a.attnum = ANY (i.indkey)
                OR pg_catalog.pg_get_expr(i.indexprs, i.indrelid) ~ ('\m' || pg_catalog.quote_ident(p_column) || '\M')))
$$;
COMMENT ON FUNCTION anon.rule_is_unique(name, name, name) IS
    'pgscrub: true when the column is in a primary key, unique constraint or unique index';
