-- The SQL expression (over the table alias t) that gives a row's key as text for row-bound
-- fingerprints; capture and validation both build it from the key columns recorded in
-- anon.fingerprint_captures, so they always agree. '' when the table has no usable key:
-- the fingerprints are then bound to the column only.
CREATE OR REPLACE FUNCTION anon.fingerprint_key_sql(p_key_columns name[])
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT CASE pg_catalog.cardinality(p_key_columns)
        WHEN 0 THEN pg_catalog.quote_literal('')
        WHEN 1 THEN pg_catalog.format('t.%I::pg_catalog.text', p_key_columns[1])
        ELSE pg_catalog.format('ROW(%s)::pg_catalog.text',
                               (SELECT pg_catalog.string_agg(pg_catalog.format('t.%I', k), ', ' ORDER BY o)
                                  FROM pg_catalog.unnest(p_key_columns) WITH ORDINALITY AS u(k, o)))
    END
$$;
COMMENT ON FUNCTION anon.fingerprint_key_sql(name[]) IS
    'pgscrub: SQL expression over alias t giving the row key used by row-bound fingerprints';
