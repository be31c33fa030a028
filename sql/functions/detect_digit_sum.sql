-- The sum of the digits of a string of digits, without a loop: each digit becomes
-- that many characters and the length is the sum. Used by the Luhn check. Inlinable.
CREATE OR REPLACE FUNCTION anon.digit_sum(p_digits text)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p_digits, '0', ''), '1', 'x'), '2', 'xx'), '3', 'xxx'), '4', 'xxxx'), '5', 'xxxxx'), '6', 'xxxxxx'), '7', 'xxxxxxx'), '8', 'xxxxxxxx'), '9', 'xxxxxxxxx'));
COMMENT ON FUNCTION anon.digit_sum(text) IS
    'pgscrub: sum of the digits of a digit string';
