-- The Luhn (mod 10) check of a string of digits: card numbers, some national IDs.
-- PL/pgSQL, called only for values that already have the right shape.
CREATE OR REPLACE FUNCTION anon.luhn_valid(p_digits text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_sum int := 0;
    v_digit int;
    v_len int := pg_catalog.length(p_digits);
BEGIN
    IF p_digits !~ '^[0-9]+$' THEN
        RETURN false;
    END IF;
    FOR i IN 0 .. v_len - 1 LOOP
        v_digit := pg_catalog.substr(p_digits, v_len - i, 1)::int;
        IF i % 2 = 1 THEN
            v_digit := v_digit * 2;
            IF v_digit > 9 THEN
                v_digit := v_digit - 9;
            END IF;
        END IF;
        v_sum := v_sum + v_digit;
    END LOOP;
    RETURN v_sum % 10 = 0;
END
$$;
COMMENT ON FUNCTION anon.luhn_valid(text) IS
    'pgscrub: Luhn (mod 10) check of a digit string';
