-- A partially masked example of a value, for findings and reports: enough to recognise
-- the kind of data (j***@gmail.com), never the value itself.
-- FOUNDATION STUB: the scan work (issue 3) refines it per kind.
CREATE OR REPLACE FUNCTION anon.partial(p_value text, p_kind text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL THEN NULL
    WHEN p_kind = 'email' AND pg_catalog.strpos(p_value, '@') > 1
        THEN pg_catalog.left(p_value, 1) OPERATOR(pg_catalog.||) '***'
             OPERATOR(pg_catalog.||) pg_catalog.substr(p_value, pg_catalog.strpos(p_value, '@'))
    ELSE pg_catalog.left(p_value, 1) OPERATOR(pg_catalog.||) '***'
END;
COMMENT ON FUNCTION anon.partial(text, text) IS
    'pgscrub: partially masked example of a value (j***@gmail.com), safe for findings and reports';
