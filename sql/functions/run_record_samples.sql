-- When a run is complete: remember, per masked table and column, hashes of up to 32 of
-- its masked values, picked across the table (not its first pages), and the column's
-- type. A later run masks a table again only when, for every sampled column whose type is
-- unchanged, none of them is left (anon.run_masked_data_present): the data was reloaded
-- from production (TRUNCATE or DELETE and COPY, a data-only pg_restore). VACUUM FULL,
-- CLUSTER, rows added or purged in staging, a column retyped or renamed keep some sampled
-- value, so none of them makes a second masking of the same values.
-- Only columns whose strategy always changes a value are sampled (not redact, json,
-- birth_date, constant, null: their masked value may be the original), only non-NULL
-- values, hashed unkeyed (they are masked values; a sample must hold under any secret) in
-- a text form pinned by the SET clauses. Returns how many tables got a sample.
CREATE OR REPLACE FUNCTION anon.run_record_samples(p_run_id bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
SET "DateStyle" = 'ISO, YMD'
SET "TimeZone" = 'UTC'
SET "IntervalStyle" = 'postgres'
SET extra_float_digits = '1'
SET bytea_output = 'hex'
SET lc_monetary = 'C'
SET row_security = off
AS $$
DECLARE
    v_table anon.run_tables;
    v_column record;
    v_hashes text[];
    v_sample jsonb;
    v_count integer := 0;
BEGIN
    FOR v_table IN
        SELECT t.* FROM anon.run_tables t
         WHERE t.run_id = p_run_id AND t.status = 'done' AND t.relid IS NOT NULL
           AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.relid)
    LOOP
        v_sample := '{}';
        FOR v_column IN
            SELECT a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = v_table.relid AND a.attnum = ANY (v_table.attnums) AND NOT a.attisdropped
               AND NOT EXISTS (SELECT FROM anon.fingerprint_rules(v_table.relid::pg_catalog.regclass) r
                                WHERE r.attnum = a.attnum
                                  AND r.strategy IN ('redact', 'json', 'birth_date', 'constant', 'null'))
        LOOP
            EXECUTE pg_catalog.format(
                'SELECT pg_catalog.array_agg(DISTINCT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(s.v, ''UTF8'')), ''hex'')) '
                'FROM (SELECT t.%1$I::pg_catalog.text AS v FROM ONLY %2$s AS t WHERE t.%1$I IS NOT NULL '
                'ORDER BY pg_catalog.random() LIMIT 32) AS s',
                v_column.attname, v_table.relid::pg_catalog.regclass)
               INTO v_hashes;
            v_sample := v_sample || pg_catalog.jsonb_build_object(v_column.attnum::text,
                pg_catalog.jsonb_build_object('type', v_column.column_type, 'hashes', COALESCE(v_hashes, '{}')));
        END LOOP;
        UPDATE anon.run_tables t SET masked_sample = v_sample
         WHERE (t.run_id, t.schema_name, t.table_name) = (v_table.run_id, v_table.schema_name, v_table.table_name);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.run_record_samples(bigint) IS
    'pgscrub: store hashes of a few masked values per column and table of a complete run, to notice a reload later';
