-- The ITU country calling code at the start of a digit string (1 to 3 digits): 1 and 7
-- are one digit, the listed ones two, the rest three. Only digits are returned, so a
-- separator right after a short code ("+9 12...") is never taken for a digit.
CREATE OR REPLACE FUNCTION anon.pseudo_country_code(p_digits text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN pg_catalog.left(p_digits, 1) IN ('1', '7') THEN pg_catalog.left(p_digits, 1)
    WHEN pg_catalog.left(p_digits, 2) IN ('20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43',
        '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63',
        '64', '65', '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98')
        THEN pg_catalog.left(p_digits, 2)
    ELSE pg_catalog.substring(p_digits, '^[0-9]{1,3}')
END;
COMMENT ON FUNCTION anon.pseudo_country_code(text) IS
    'pgscrub: the ITU country calling code at the start of a digit string';
