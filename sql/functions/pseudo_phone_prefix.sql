-- requires: pseudo_country_code.sql
-- The leading digits a masked phone keeps: the country code after '+' or '00' (ITU
-- prefixes: 1 and 7 are one digit, the listed ones two, the rest three), the trunk '0'
-- of a national number, else none.
CREATE OR REPLACE FUNCTION anon.pseudo_phone_prefix(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN pg_catalog.left(p_value, 1) = '+' THEN COALESCE(anon.pseudo_country_code(pg_catalog.substr(p_value, 2, 3)), '')
    WHEN pg_catalog.left(p_value, 2) = '00' THEN '00' OPERATOR(pg_catalog.||) COALESCE(anon.pseudo_country_code(pg_catalog.substr(p_value, 3, 3)), '')
    WHEN pg_catalog.left(p_value, 1) = '0' THEN '0'
    ELSE ''
END;
COMMENT ON FUNCTION anon.pseudo_phone_prefix(text) IS
    'pgscrub: leading digits kept by the phone masker (country code or trunk 0)';
