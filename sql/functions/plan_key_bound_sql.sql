-- The query that finds where a keyset batch ends: the key of the n-th row ($3 rows
-- skipped) after $1 and up to $2, as text[]; NULL when fewer rows remain. An index-only
-- scan of the primary key when the visibility map allows.
CREATE OR REPLACE FUNCTION anon.plan_key_bound_sql(p_table regclass, p_key_columns name[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT pg_catalog.format('SELECT ARRAY[%s] FROM ONLY %s WHERE %s ORDER BY %s OFFSET $3 LIMIT 1',
               pg_catalog.string_agg(pg_catalog.quote_ident(k.attname) || '::pg_catalog.text', ', ' ORDER BY k.ord),
               p_table, anon.plan_key_condition(p_table, p_key_columns),
               pg_catalog.string_agg(pg_catalog.quote_ident(k.attname), ', ' ORDER BY k.ord))
      FROM pg_catalog.unnest(p_key_columns) WITH ORDINALITY AS k(attname, ord)
$$;
COMMENT ON FUNCTION anon.plan_key_bound_sql(regclass, name[]) IS
    'pgscrub: query returning the last primary key (text[]) of the next keyset batch';
