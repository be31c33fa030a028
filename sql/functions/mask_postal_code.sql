-- requires: mask_digits.sql
-- Postal codes: the first params.keep characters (the region, default 2) kept, the digits
-- after them keyed; letters and separators kept. A code no longer than the prefix keeps
-- all but its last character. Never the input when a digit follows the kept prefix (the
-- first of them always changes: mask_digits).
CREATE OR REPLACE FUNCTION anon.mask_postal_code(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'postal_code')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    ELSE pg_catalog.left(p_value, LEAST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep')::integer, 2), pg_catalog.length(p_value) OPERATOR(pg_catalog.-) 1))
         OPERATOR(pg_catalog.||) anon.mask_digits(
             pg_catalog.substr(p_value, LEAST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep')::integer, 2), pg_catalog.length(p_value) OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.+) 1),
             '{}', p_domain)
END;
COMMENT ON FUNCTION anon.mask_postal_code(text, jsonb, text) IS
    'pgscrub: postal code with its region prefix kept and the other digits keyed (params: keep)';
