-- requires: keyed_hash.sql, mask_digits.sql, pseudo_iban.sql, pseudo_normal.sql
-- IBAN: country, length, check digits and bank letters kept, account digits keyed, and
-- the mod-97 check stays valid (the new digits keep the residue of the old ones). Printed
-- IBANs (groups of four) stay grouped. Anything that is not IBAN-shaped, or whose last run
-- of digits is shorter than 4 (after the check digits), is masked digit by digit instead.
CREATE OR REPLACE FUNCTION anon.mask_iban(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'iban')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN pg_catalog.upper(pg_catalog.replace(p_value, ' ', ''))
             OPERATOR(pg_catalog.~) '^[A-Z]{2}[0-9]{2}([A-Z0-9]*[A-Z])?[0-9]{4,30}$'
         AND pg_catalog.strpos(p_value, ' ') = 0 THEN
        anon.pseudo_iban(pg_catalog.upper(p_value), anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)))
    WHEN pg_catalog.upper(pg_catalog.replace(p_value, ' ', ''))
             OPERATOR(pg_catalog.~) '^[A-Z]{2}[0-9]{2}([A-Z0-9]*[A-Z])?[0-9]{4,30}$' THEN
        pg_catalog.rtrim(pg_catalog.regexp_replace(
            anon.pseudo_iban(pg_catalog.upper(pg_catalog.replace(p_value, ' ', '')),
                             anon.keyed_hash(p_domain, anon.pseudo_normal(p_value))),
            '(.{4})', '\1 ', 'g'))
    ELSE anon.mask_digits(p_value, '{}', p_domain)
END;
COMMENT ON FUNCTION anon.mask_iban(text, jsonb, text) IS
    'pgscrub: IBAN with country, length and bank kept, account digits keyed, mod-97 check valid';
