-- Whether a table still holds the values a run masked (anon.run_record_samples): true
-- when a sampled value, bound to its row key, is still there, or when nothing can be
-- compared (no sample: the run is not complete or predates samples; no column sampled;
-- a key column dropped). False when every sampled column lost all its sampled values:
-- the table was reloaded, its values are originals again, so the run must mask it and
-- validation must not call it clean. A column without a value when masked holds while it
-- has none; values there now were never masked, so masking them is no second masking.
-- Text forms are compared (a column retyped to varchar still compares), pinned as when
-- the sample was taken. Reads until the first sampled value (early in a masked table); a
-- reloaded table is read whole once.
CREATE OR REPLACE FUNCTION anon.run_masked_data_present(p_relid oid, p_sample jsonb)
RETURNS boolean
LANGUAGE plpgsql
STABLE
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
    v_key_sql text;
    v_found text[];     -- per column with sampled values: one of them is here
    v_empty text[];     -- per column that had no value: it still has none
    v_present boolean;
BEGIN
    IF p_sample IS NULL OR NOT p_sample ? 'columns'
       OR NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = p_relid) THEN
        RETURN true;
    END IF;
    v_key_sql := anon.run_sample_key_sql(p_relid, ARRAY(SELECT pg_catalog.jsonb_array_elements_text(p_sample -> 'key'))::smallint[]);
    IF v_key_sql IS NULL THEN
        RETURN true;
    END IF;
    SELECT pg_catalog.array_agg(pg_catalog.format('%s = ANY (%L::pg_catalog.text[])',
               anon.run_sample_hash_sql(v_key_sql, pg_catalog.format('t.%I::pg_catalog.text', a.attname)),
               ARRAY(SELECT pg_catalog.jsonb_array_elements_text(s.value))))
               FILTER (WHERE pg_catalog.jsonb_array_length(s.value) > 0),
           pg_catalog.array_agg(pg_catalog.format('t.%I IS NOT NULL', a.attname))
               FILTER (WHERE pg_catalog.jsonb_array_length(s.value) = 0)
      INTO v_found, v_empty
      FROM pg_catalog.jsonb_each(p_sample -> 'columns') AS s
      JOIN pg_catalog.pg_attribute a ON a.attrelid = p_relid AND a.attnum = s.key::smallint AND NOT a.attisdropped;
    IF v_found IS NULL AND v_empty IS NULL THEN
        RETURN true;
    END IF;
    IF v_found IS NOT NULL THEN
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM ONLY %s AS t WHERE %s)',
                                  p_relid::pg_catalog.regclass, pg_catalog.array_to_string(v_found, ' OR '))
           INTO v_present;
        IF v_present THEN
            RETURN true;
        END IF;
    END IF;
    IF v_empty IS NOT NULL THEN
        EXECUTE pg_catalog.format('SELECT NOT EXISTS (SELECT FROM ONLY %s AS t WHERE %s)',
                                  p_relid::pg_catalog.regclass, pg_catalog.array_to_string(v_empty, ' OR '))
           INTO v_present;
        RETURN v_present;
    END IF;
    RETURN false;
END
$$;
COMMENT ON FUNCTION anon.run_masked_data_present(oid, jsonb) IS
    'pgscrub: false when every sampled masked column of a complete run lost all its row-bound sampled values (the table was reloaded)';
