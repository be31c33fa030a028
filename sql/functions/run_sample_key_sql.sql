-- The row key of anon.run_sample_key as SQL text over alias t, from the columns' current
-- names; NULL when one of them was dropped since (the samples cannot be compared).
CREATE OR REPLACE FUNCTION anon.run_sample_key_sql(p_relid oid, p_key smallint[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT CASE WHEN pg_catalog.count(a.attname) = pg_catalog.cardinality(p_key) THEN
               'ROW(' || COALESCE(pg_catalog.string_agg(pg_catalog.format('t.%I', a.attname), ', ' ORDER BY k.ord), '') || ')::pg_catalog.text'
           END
      FROM pg_catalog.unnest(p_key) WITH ORDINALITY AS k(attnum, ord)
      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = p_relid AND a.attnum = k.attnum AND NOT a.attisdropped
$$;
COMMENT ON FUNCTION anon.run_sample_key_sql(oid, smallint[]) IS
    'pgscrub: SQL over alias t for the reload samples'' row key, from current column names; NULL when a key column is gone';
