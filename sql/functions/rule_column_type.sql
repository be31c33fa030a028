-- What the rules need to know about a column's type: its SQL name (for casts back), its
-- base type after domains, and for arrays the base type of the elements. NULL when the
-- column does not exist (dropped or renamed).
CREATE OR REPLACE FUNCTION anon.rule_column_type(p_schema name, p_table name, p_column name,
    OUT type_sql text, OUT base_type regtype, OUT element_type regtype, OUT category "char",
    OUT typmod integer, OUT not_null boolean)
RETURNS record
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    WITH RECURSIVE col AS (
        SELECT a.atttypid, a.atttypmod, a.attnotnull
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class t ON t.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = p_schema AND t.relname = p_table AND a.attname = p_column
           AND a.attnum > 0 AND NOT a.attisdropped
    ), base (oid, typmod) AS (
        SELECT col.atttypid, col.atttypmod FROM col
        UNION ALL
        SELECT t.typbasetype, t.typtypmod FROM base b JOIN pg_catalog.pg_type t ON t.oid = b.oid WHERE t.typtype = 'd'
    ), resolved AS (
        SELECT b.oid, b.typmod, t.typelem, t.typcategory FROM base b JOIN pg_catalog.pg_type t ON t.oid = b.oid
         WHERE t.typtype <> 'd'
    )
    -- format_type(bpchar, NULL) is "character", which as a cast means char(1).
    SELECT CASE col.atttypid WHEN 'pg_catalog.bpchar'::pg_catalog.regtype THEN 'pg_catalog.bpchar'
                             WHEN 'pg_catalog._bpchar'::pg_catalog.regtype THEN 'pg_catalog.bpchar[]'
                             ELSE pg_catalog.format_type(col.atttypid, NULL) END,
           r.oid::regtype,
           CASE WHEN r.typcategory = 'A' THEN r.typelem::regtype END,
           CASE WHEN r.typcategory = 'A' THEN (SELECT e.typcategory FROM pg_catalog.pg_type e WHERE e.oid = r.typelem)
                ELSE r.typcategory END,
           GREATEST(col.atttypmod, r.typmod), col.attnotnull
      FROM col CROSS JOIN resolved r
$$;
COMMENT ON FUNCTION anon.rule_column_type(name, name, name) IS
    'pgscrub: a column''s type as the rules see it (SQL name, base type, array element type, category, typmod, NOT NULL)';
