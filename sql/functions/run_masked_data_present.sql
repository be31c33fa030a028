-- Whether a table still holds the rows a run masked: one of the hashed sample rows
-- (anon.run_record_samples) is still there. An empty sample (the table was empty) holds
-- while the table is empty. No sample (the run is not complete, or predates samples) or
-- a masked column gone: true, as before samples existed. False means the table was
-- reloaded: its rows are unmasked again, so the run must mask them and validation must
-- not call them clean. Reads until the first sampled row (early in a masked table); a
-- reloaded table is read whole.
CREATE OR REPLACE FUNCTION anon.run_masked_data_present(p_relid oid, p_attnums smallint[], p_sample bytea[])
RETURNS boolean
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_expression text;
    v_present boolean;
BEGIN
    IF p_sample IS NULL OR NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = p_relid) THEN
        RETURN true;
    END IF;
    v_expression := anon.run_sample_expression(p_relid, p_attnums);
    IF v_expression IS NULL THEN
        RETURN true;
    END IF;
    IF pg_catalog.cardinality(p_sample) = 0 THEN
        EXECUTE pg_catalog.format('SELECT NOT EXISTS (SELECT FROM ONLY %s)', p_relid::pg_catalog.regclass) INTO v_present;
    ELSE
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM ONLY %s AS t WHERE %s = ANY ($1))',
                                  p_relid::pg_catalog.regclass, v_expression)
           INTO v_present USING p_sample;
    END IF;
    RETURN v_present;
END
$$;
COMMENT ON FUNCTION anon.run_masked_data_present(oid, smallint[], bytea[]) IS
    'pgscrub: false when none of the masked rows sampled at the end of a run is left (the table was reloaded)';
