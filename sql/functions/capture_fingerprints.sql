-- Keyed fingerprints of a table's original PII, taken before its rows change, so that
-- validation can prove no original value survived. FOUNDATION STUB: the validation work
-- (issue 5) fills it in.
CREATE OR REPLACE FUNCTION anon.capture_fingerprints(p_run_id bigint, p_table regclass)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
BEGIN
    RETURN 0;
END
$$;
COMMENT ON FUNCTION anon.capture_fingerprints(bigint, regclass) IS
    'pgscrub: record keyed fingerprints of the table''s original PII before masking; returns how many';
