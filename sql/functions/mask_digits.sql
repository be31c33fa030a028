-- requires: keyed_hash.sql, pseudo_digits.sql, pseudo_digits_long.sql, pseudo_fill.sql, pseudo_normal.sql, pseudo_permute.sql
-- Generic format-preserving masking (strategies digits and bank_account, and the fallback
-- of national IDs): every digit replaced by a keyed digit, letters and separators kept,
-- so lengths and shapes stay valid. Up to 18 characters, the first digit always changes,
-- so the output never equals the input (longer values: practically never, 10^-digits).
-- params.injective: a keyed permutation instead (it may map a value to itself).
CREATE OR REPLACE FUNCTION anon.mask_digits(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'digits')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN (p_params OPERATOR(pg_catalog.->>) 'injective')::boolean THEN
        anon.pseudo_fill(p_value, anon.pseudo_permute(p_domain, pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g')))
    WHEN pg_catalog.length(p_value) OPERATOR(pg_catalog.<=) 18 THEN
        anon.pseudo_fill(p_value, anon.pseudo_digits(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                -- the first digit (a regular expression only when it is not the first character)
                                                CASE WHEN pg_catalog.strpos('0123456789', pg_catalog.left(p_value, 1)) OPERATOR(pg_catalog.>) 0
                                                     THEN pg_catalog.left(p_value, 1)
                                                     ELSE pg_catalog.substring(p_value, '[0-9]') END))
    ELSE anon.pseudo_fill(p_value, anon.pseudo_digits_long(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                           pg_catalog.length(p_value)))
END;
COMMENT ON FUNCTION anon.mask_digits(text, jsonb, text) IS
    'pgscrub: every digit replaced by a keyed digit, letters and separators kept (params: injective)';
