-- The card scheme a digit string's prefix and length belong to (NULL: none), from the
-- published issuer identification ranges. Used with the Luhn check to tell card numbers
-- from other long numbers.
CREATE OR REPLACE FUNCTION anon.card_issuer(p_digits text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_digits IS NULL OR p_digits OPERATOR(pg_catalog.!~) '^[0-9]{12,19}$' THEN NULL
    WHEN pg_catalog.left(p_digits, 1) OPERATOR(pg_catalog.=) '4'
         AND pg_catalog.length(p_digits) IN (13, 16, 19) THEN 'visa'
    WHEN (pg_catalog.left(p_digits, 2) BETWEEN '51' AND '55'
          OR pg_catalog.left(p_digits, 4) BETWEEN '2221' AND '2720')
         AND pg_catalog.length(p_digits) OPERATOR(pg_catalog.=) 16 THEN 'mastercard'
    WHEN pg_catalog.left(p_digits, 2) IN ('34', '37')
         AND pg_catalog.length(p_digits) OPERATOR(pg_catalog.=) 15 THEN 'amex'
    WHEN (pg_catalog.left(p_digits, 4) OPERATOR(pg_catalog.=) '6011'
          OR pg_catalog.left(p_digits, 3) BETWEEN '644' AND '649'
          OR pg_catalog.left(p_digits, 2) OPERATOR(pg_catalog.=) '65')
         AND pg_catalog.length(p_digits) BETWEEN 16 AND 19 THEN 'discover'
    WHEN pg_catalog.left(p_digits, 4) BETWEEN '3528' AND '3589'
         AND pg_catalog.length(p_digits) BETWEEN 16 AND 19 THEN 'jcb'
    WHEN (pg_catalog.left(p_digits, 3) BETWEEN '300' AND '305'
          OR pg_catalog.left(p_digits, 2) IN ('36', '38', '39'))
         AND pg_catalog.length(p_digits) BETWEEN 14 AND 19 THEN 'diners'
    WHEN pg_catalog.left(p_digits, 4) BETWEEN '2200' AND '2204'
         AND pg_catalog.length(p_digits) BETWEEN 16 AND 19 THEN 'mir'
    WHEN pg_catalog.left(p_digits, 2) OPERATOR(pg_catalog.=) '62'
         AND pg_catalog.length(p_digits) BETWEEN 16 AND 19 THEN 'unionpay'
    WHEN (pg_catalog.left(p_digits, 2) IN ('50', '56', '57', '58', '63', '67'))
         AND pg_catalog.length(p_digits) BETWEEN 12 AND 19 THEN 'maestro'
END;
COMMENT ON FUNCTION anon.card_issuer(text) IS
    'pgscrub: card scheme (visa, mastercard, amex, ...) whose prefix and length fit the digits, or NULL';
