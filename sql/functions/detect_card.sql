-- requires: detect_luhn.sql, detect_card_issuer.sql
-- Is the whole value a payment card number? 12-19 digits (spaces or dashes allowed
-- between groups), an issuer prefix whose length rules fit, and the Luhn check.
-- Inlinable prefilter; the Luhn loop runs only for values of the right shape.
CREATE OR REPLACE FUNCTION anon.is_card_number(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) BETWEEN 12 AND 23
   AND p_value OPERATOR(pg_catalog.~) '^\s*[2-6][0-9]{3}([ -]?[0-9]{2,6}){2,4}\s*$'
   AND anon.card_issuer(pg_catalog.translate(p_value, ' -', '')) IS NOT NULL
   AND anon.luhn_valid(pg_catalog.translate(p_value, ' -', ''));
COMMENT ON FUNCTION anon.is_card_number(text) IS
    'pgscrub: true when the whole value is a payment card number (issuer prefix, length and Luhn check)';
