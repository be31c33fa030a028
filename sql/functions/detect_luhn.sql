-- requires: detect_digit_sum.sql
-- The Luhn (mod 10) check of a string of digits: card numbers, some national IDs.
-- Without a loop: counting from the right, the digits in odd positions add up as
-- they are, those in even positions doubled (a doubled digit's digit sum is
-- translate(d, '0123456789', '0246813579')). Inlinable.
CREATE OR REPLACE FUNCTION anon.luhn_valid(p_digits text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN p_digits OPERATOR(pg_catalog.~) '^[0-9]{2,32}$'
   AND (anon.digit_sum(pg_catalog.regexp_replace(pg_catalog.reverse(p_digits), '(.)(.)', '\1', 'g'))
        OPERATOR(pg_catalog.+)
        anon.digit_sum(pg_catalog.translate(pg_catalog.regexp_replace(pg_catalog.reverse(p_digits), '(.)(.)?', '\2', 'g'),
                                            '0123456789', '0246813579')))
       OPERATOR(pg_catalog.%) 10 OPERATOR(pg_catalog.=) 0;
COMMENT ON FUNCTION anon.luhn_valid(text) IS
    'pgscrub: Luhn (mod 10) check of a digit string';
