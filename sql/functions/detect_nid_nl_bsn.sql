-- Dutch citizen service number (BSN): 9 digits (8 with a leading zero dropped) passing
-- the "11-test": 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and not zero).
CREATE OR REPLACE FUNCTION anon.is_nl_bsn(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_digits text := pg_catalog.translate(p_value, ' .-', '');
    v_sum int := 0;
BEGIN
    IF v_digits !~ '^[0-9]{8,9}$' THEN
        RETURN false;
    END IF;
    v_digits := pg_catalog.lpad(v_digits, 9, '0');
    FOR i IN 1 .. 8 LOOP
        v_sum := v_sum + (10 - i) * pg_catalog.substr(v_digits, i, 1)::int;
    END LOOP;
    v_sum := v_sum - pg_catalog.substr(v_digits, 9, 1)::int;
    RETURN v_sum > 0 AND v_sum % 11 = 0;
END
$$;
COMMENT ON FUNCTION anon.is_nl_bsn(text) IS
    'pgscrub: true for a Dutch BSN passing the 11-test';
