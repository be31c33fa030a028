-- When a run is complete: remember, per masked table, hashes of up to 32 of its masked
-- rows (anon.run_sample_expression). A later run masks a table again only when none of
-- them is left (anon.run_masked_data_present): the data was reloaded from production
-- (TRUNCATE and COPY, a data-only pg_restore). A VACUUM FULL or CLUSTER keeps the rows,
-- so it is never mistaken for a reload, and no value is masked twice. Returns how many
-- tables got a sample.
CREATE OR REPLACE FUNCTION anon.run_record_samples(p_run_id bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_table anon.run_tables;
    v_expression text;
    v_sample bytea[];
    v_count integer := 0;
BEGIN
    FOR v_table IN
        SELECT t.* FROM anon.run_tables t
         WHERE t.run_id = p_run_id AND t.status = 'done' AND t.relid IS NOT NULL
           AND pg_catalog.cardinality(t.attnums) > 0
           AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.relid)
    LOOP
        v_expression := anon.run_sample_expression(v_table.relid, v_table.attnums);
        CONTINUE WHEN v_expression IS NULL;
        EXECUTE pg_catalog.format('SELECT COALESCE(pg_catalog.array_agg(s.h), ''{}'') FROM (SELECT %s AS h FROM ONLY %s AS t LIMIT 32) AS s',
                                  v_expression, v_table.relid::pg_catalog.regclass)
           INTO v_sample;
        UPDATE anon.run_tables t SET masked_sample = v_sample
         WHERE (t.run_id, t.schema_name, t.table_name) = (v_table.run_id, v_table.schema_name, v_table.table_name);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.run_record_samples(bigint) IS
    'pgscrub: store hashes of a few masked rows per table of a complete run, to notice a reload later';
