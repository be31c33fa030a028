-- When a run is complete: remember, per masked table and column, hashes of up to 32 of
-- its masked values bound to their row's key (the primary key, else the columns left
-- unmasked), picked across the table (one scan of ~2000 rows from random pages,
-- TABLESAMPLE SYSTEM). A later run masks a table again only when none of them is left
-- (anon.run_masked_data_present): the data was reloaded from production (TRUNCATE or
-- DELETE and COPY, a data-only pg_restore). Bound to the row, a sampled value cannot come
-- back with the originals: that would need the row's original to equal its fake, which
-- the strategies sampled never give, while a fake first name or postal code alone is
-- somebody's real one. VACUUM FULL, CLUSTER, renames, rows added or purged in staging keep
-- some sampled value, so none of them makes a second masking of the same values.
-- Only columns whose strategy always changes a value are sampled (not redact, json,
-- birth_date, constant, null), only non-NULL values, hashed unkeyed (they are masked
-- values; a sample must hold under any secret) in a text form pinned by the SET clauses.
-- Returns how many tables got a sample.
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
    v_key smallint[];
    v_key_sql text;
    v_columns text[];
    v_hashes text[];
    v_attnums text[];
    v_hashed jsonb;
    v_percent float8;
    v_count integer := 0;
BEGIN
    FOR v_table IN
        SELECT t.* FROM anon.run_tables t
         WHERE t.run_id = p_run_id AND t.status = 'done' AND t.relid IS NOT NULL
           AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.relid)
    LOOP
        v_key := anon.run_sample_key(v_table.relid, v_table.attnums);
        v_key_sql := anon.run_sample_key_sql(v_table.relid, v_key);
        SELECT pg_catalog.array_agg(pg_catalog.format('%s AS c%s', anon.run_sample_hash_sql(
                   v_key_sql, pg_catalog.format('t.%I::pg_catalog.text', a.attname)), a.attnum)),
               pg_catalog.array_agg(pg_catalog.format(
                   '%1$L, (pg_catalog.array_agg(DISTINCT s.c%1$s) FILTER (WHERE s.c%1$s IS NOT NULL))[1:32]', a.attnum)),
               pg_catalog.array_agg(a.attnum::text)
          INTO v_columns, v_hashes, v_attnums
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = v_table.relid AND a.attnum = ANY (v_table.attnums) AND NOT a.attisdropped
           AND NOT EXISTS (SELECT FROM anon.fingerprint_rules(v_table.relid::pg_catalog.regclass) r
                            WHERE r.attnum = a.attnum
                              AND r.strategy IN ('redact', 'json', 'birth_date', 'constant', 'null'));
        v_hashed := '{}';
        IF v_columns IS NOT NULL AND v_key_sql IS NOT NULL THEN
            -- ~2000 rows from pages picked across the table (all of a small or unanalyzed one)
            SELECT CASE WHEN c.reltuples > 2000 THEN 100 * 2000 / c.reltuples ELSE 100 END INTO v_percent
              FROM pg_catalog.pg_class c WHERE c.oid = v_table.relid;
            LOOP
                EXECUTE pg_catalog.format(
                    'SELECT pg_catalog.jsonb_build_object(%s) FROM (SELECT %s FROM ONLY %s AS t TABLESAMPLE SYSTEM (%s) '
                    'ORDER BY pg_catalog.random() LIMIT 2000) AS s',
                    pg_catalog.array_to_string(v_hashes, ', '), pg_catalog.array_to_string(v_columns, ', '),
                    v_table.relid::pg_catalog.regclass, v_percent)
                   INTO v_hashed;
                -- a column sampled without a value must really have none (an empty sample
                -- means "values arriving later were never masked"): with out-of-date
                -- statistics the pages picked may have missed them, so read all
                EXIT WHEN v_percent >= 100 OR NOT EXISTS (
                    SELECT FROM pg_catalog.unnest(v_attnums) AS n(attnum)
                     WHERE pg_catalog.jsonb_typeof(v_hashed -> n.attnum) IS DISTINCT FROM 'array');
                v_percent := 100;
            END LOOP;
            v_hashed := (SELECT pg_catalog.jsonb_object_agg(n.attnum, CASE WHEN pg_catalog.jsonb_typeof(v_hashed -> n.attnum) = 'array'
                                                                          THEN v_hashed -> n.attnum ELSE '[]' END)
                           FROM pg_catalog.unnest(v_attnums) AS n(attnum));
        END IF;
        UPDATE anon.run_tables t
           SET masked_sample = pg_catalog.jsonb_build_object('key', v_key, 'columns', v_hashed)
         WHERE (t.run_id, t.schema_name, t.table_name) = (v_table.run_id, v_table.schema_name, v_table.table_name);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.run_record_samples(bigint) IS
    'pgscrub: store row-bound hashes of a few masked values per column and table of a complete run, to notice a reload later';
