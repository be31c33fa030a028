-- The row key the reload samples bind each masked value to (anon.run_record_samples), as
-- attnums (they survive renames): the primary key, else every column the run left
-- unmasked ('{}' when it masked them all).
CREATE OR REPLACE FUNCTION anon.run_sample_key(p_relid oid, p_masked smallint[])
RETURNS smallint[]
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT COALESCE(
        (SELECT pg_catalog.array_agg(k.attnum ORDER BY k.ord)
           FROM pg_catalog.pg_index i
          CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
          WHERE i.indrelid = p_relid AND i.indisprimary),
        (SELECT pg_catalog.array_agg(a.attnum ORDER BY a.attnum)
           FROM pg_catalog.pg_attribute a
          WHERE a.attrelid = p_relid AND a.attnum > 0 AND NOT a.attisdropped
            AND a.attgenerated = '' AND NOT a.attnum = ANY (p_masked)),
        '{}')
$$;
COMMENT ON FUNCTION anon.run_sample_key(oid, smallint[]) IS
    'pgscrub: attnums of the row key reload samples are bound to (primary key, else the unmasked columns)';
