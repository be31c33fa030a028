-- A sampled JSON text as jsonb, or NULL when it does not parse (a value cut at 64 kB,
-- invalid escapes in an SQL_ASCII database): one bad document must not stop the scan.
CREATE OR REPLACE FUNCTION anon.scan_try_jsonb(p_text text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
BEGIN
    RETURN p_text::pg_catalog.jsonb;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION anon.scan_try_jsonb(text) IS
    'pgscrub: the text as jsonb, NULL when it does not parse';
