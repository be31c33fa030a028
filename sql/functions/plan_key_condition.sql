-- The keyset condition of a batch: primary key after $1 and up to $2, both text[] of the
-- key's columns in their text form (NULL: unbounded). The row comparison (a, b) > (x, y)
-- follows the primary key's index order.
CREATE OR REPLACE FUNCTION anon.plan_key_condition(p_table regclass, p_key_columns name[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT pg_catalog.format('($1 IS NULL OR (%1$s) > (%2$s)) AND ($2 IS NULL OR (%1$s) <= (%3$s))',
               pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.ord),
               pg_catalog.string_agg(pg_catalog.format('$1[%s]::%s', k.ord,
                                     pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY k.ord),
               pg_catalog.string_agg(pg_catalog.format('$2[%s]::%s', k.ord,
                                     pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY k.ord))
      FROM pg_catalog.unnest(p_key_columns) WITH ORDINALITY AS k(attname, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = p_table AND a.attname = k.attname
$$;
COMMENT ON FUNCTION anon.plan_key_condition(regclass, name[]) IS
    'pgscrub: WHERE condition selecting the primary keys after $1 and up to $2 (text[] keys)';
