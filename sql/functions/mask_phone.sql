-- requires: keyed_hash.sql, pseudo_digits.sql, pseudo_digits_long.sql, pseudo_fill.sql, pseudo_normal.sql, pseudo_permute.sql, pseudo_phone_prefix.sql, pseudo_nanp.sql
-- Phone: same length, separators and country code; the other digits keyed. North
-- American numbers (+1..., 1-..., (NPA)..., or 10-16 characters starting 2-9) go to the
-- fictional range NPA-555-01xx (params.fictional, default true; only 100 numbers per area
-- code, so never on UNIQUE columns). params.injective: a keyed permutation of the digits
-- after the country code, for UNIQUE columns. The hash input drops separators, so
-- (212) 555-0101 and 212.555.0101 agree. One format() fill whatever the branch: the
-- branches only choose the digits (regular expressions cost about 1 us each). Never the
-- input (up to 18 characters, not injective): the first keyed digit (the first digit of
-- the area code for NANP numbers) always changes. It is found with ltrim() past the
-- usual separators ' ()+-./[]', cheaper than a regular expression.
CREATE OR REPLACE FUNCTION anon.mask_phone(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'phone')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN (p_params OPERATOR(pg_catalog.->>) 'injective')::boolean THEN
        anon.pseudo_fill(p_value, anon.pseudo_phone_prefix(p_value)
            OPERATOR(pg_catalog.||) anon.pseudo_permute(p_domain, pg_catalog.substr(
                pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g'),
                pg_catalog.length(anon.pseudo_phone_prefix(p_value)) OPERATOR(pg_catalog.+) 1)))
    WHEN pg_catalog.length(p_value) OPERATOR(pg_catalog.>) 18 THEN
        anon.pseudo_fill(p_value, anon.pseudo_phone_prefix(p_value)
            OPERATOR(pg_catalog.||) anon.pseudo_digits_long(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                          pg_catalog.length(p_value)))
    ELSE anon.pseudo_fill(p_value, CASE
        WHEN COALESCE((p_params OPERATOR(pg_catalog.->>) 'fictional')::boolean, true)
             AND (pg_catalog.left(p_value, 2) IN ('+1', '1-', '1 ', '1(', '1.')
                  OR pg_catalog.length(p_value) OPERATOR(pg_catalog.>=) 10
                     AND pg_catalog.left(p_value, 1) IN ('(', '2', '3', '4', '5', '6', '7', '8', '9')) THEN
            CASE WHEN pg_catalog.left(p_value, 2) IN ('+1', '1-', '1 ', '1(', '1.') THEN '1' ELSE '' END
            OPERATOR(pg_catalog.||) anon.pseudo_nanp(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                             pg_catalog.left(pg_catalog.ltrim(CASE WHEN pg_catalog.left(p_value, 2) IN ('+1', '1-', '1 ', '1(', '1.')
                                                                   THEN pg_catalog.substr(p_value, 3) ELSE p_value END, ' ()+-./[]'), 1))
        ELSE anon.pseudo_phone_prefix(p_value)
             OPERATOR(pg_catalog.||) anon.pseudo_digits(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                        pg_catalog.left(pg_catalog.ltrim(pg_catalog.substr(p_value,
                                                            pg_catalog.length(anon.pseudo_phone_prefix(p_value))
                                                            OPERATOR(pg_catalog.+) CASE WHEN pg_catalog.left(p_value, 1) = '+' THEN 2 ELSE 1 END),
                                                            ' ()+-./[]'), 1))
        END)
END;
COMMENT ON FUNCTION anon.mask_phone(text, jsonb, text) IS
    'pgscrub: phone of the same shape and country code, digits keyed; NANP to 555-01xx (params: fictional, injective)';
