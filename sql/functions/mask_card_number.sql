-- requires: keyed_hash.sql, mask_digits.sql, pseudo_digits.sql, pseudo_fill.sql, pseudo_luhn.sql, pseudo_normal.sql
-- Payment card numbers (12 to 19 digits, optionally grouped by spaces or dashes): the
-- issuer prefix (first 6 digits: network and bank) and the length are kept, the account
-- digits keyed (the first of them always changes: never the input), the check digit
-- recomputed: Luhn-valid. Separators stay where they were.
-- Other values are masked digit by digit.
CREATE OR REPLACE FUNCTION anon.mask_card_number(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'card_number')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN pg_catalog.translate(p_value, ' -', '') OPERATOR(pg_catalog.~) '^[0-9]{12,19}$' THEN
        anon.pseudo_fill(p_value, anon.pseudo_luhn(
            pg_catalog.left(pg_catalog.translate(p_value, ' -', ''), 6)
            OPERATOR(pg_catalog.||) pg_catalog.left(anon.pseudo_digits(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                                       pg_catalog.substr(pg_catalog.translate(p_value, ' -', ''), 7, 1)),
                                                    pg_catalog.length(pg_catalog.translate(p_value, ' -', '')) OPERATOR(pg_catalog.-) 7)))
    ELSE anon.mask_digits(p_value, '{}', p_domain)
END;
COMMENT ON FUNCTION anon.mask_card_number(text, jsonb, text) IS
    'pgscrub: card number with issuer prefix and length kept, account digits keyed, Luhn-valid';
