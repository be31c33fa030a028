-- German tax identification number (Steuer-IdNr): 11 digits, first not 0; among the
-- first ten exactly one digit repeats (twice, or three times but not three in a row);
-- check digit by ISO 7064 MOD 11,10.
CREATE OR REPLACE FUNCTION anon.is_de_steuer_id(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_digits text := pg_catalog.translate(p_value, ' /', '');
    v_product int := 10;
    v_sum int;
    v_check int;
    v_counts int[] := ARRAY[0,0,0,0,0,0,0,0,0,0];
    v_digit int;
    v_repeated int := 0;
BEGIN
    IF v_digits !~ '^[1-9][0-9]{10}$' THEN
        RETURN false;
    END IF;
    FOR i IN 1 .. 10 LOOP
        v_digit := pg_catalog.substr(v_digits, i, 1)::int;
        v_counts[v_digit + 1] := v_counts[v_digit + 1] + 1;
        v_sum := (v_digit + v_product) % 10;
        IF v_sum = 0 THEN
            v_sum := 10;
        END IF;
        v_product := (v_sum * 2) % 11;
    END LOOP;
    v_check := 11 - v_product;
    IF v_check = 10 THEN
        v_check := 0;
    END IF;
    FOR i IN 1 .. 10 LOOP
        IF v_counts[i] > 3 THEN
            RETURN false;
        ELSIF v_counts[i] > 1 THEN
            v_repeated := v_repeated + 1;
            IF v_counts[i] = 3 AND pg_catalog.strpos(pg_catalog.left(v_digits, 10), pg_catalog.repeat((i - 1)::text, 3)) > 0 THEN
                RETURN false;
            END IF;
        END IF;
    END LOOP;
    RETURN v_repeated = 1 AND v_check = pg_catalog.substr(v_digits, 11, 1)::int;
END
$$;
COMMENT ON FUNCTION anon.is_de_steuer_id(text) IS
    'pgscrub: true for a valid German Steuer-IdNr (digit repetition rule and MOD 11,10 check digit)';
