-- The expression that hashes a row's masked columns for anon.run_record_samples and
-- anon.run_masked_data_present: 8 bytes of SHA-256 of the columns as a row literal, over
-- the columns' current names (attnums survive a rename). Unkeyed: the values hashed are
-- masked values, and a sample must still be recognised under another secret. NULL when
-- a masked column no longer exists.
CREATE OR REPLACE FUNCTION anon.run_sample_expression(p_relid oid, p_attnums smallint[])
RETURNS text
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT CASE WHEN pg_catalog.count(a.attname) = pg_catalog.cardinality(p_attnums) THEN
               'pg_catalog.substr(pg_catalog.sha256(pg_catalog.convert_to(ROW('
               || pg_catalog.string_agg(pg_catalog.format('t.%I', a.attname), ', ' ORDER BY n.i)
               || ')::pg_catalog.text, ''UTF8'')), 1, 8)' END
      FROM pg_catalog.unnest(p_attnums) WITH ORDINALITY AS n(attnum, i)
      LEFT JOIN pg_catalog.pg_attribute a
        ON a.attrelid = p_relid AND a.attnum = n.attnum AND NOT a.attisdropped
$$;
COMMENT ON FUNCTION anon.run_sample_expression(oid, smallint[]) IS
    'pgscrub: SQL hashing a row''s masked columns (for the reload check); NULL when one is gone';
