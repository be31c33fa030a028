-- Indian Aadhaar number: 12 digits (groups of four allowed), first digit 2-9, last digit
-- the Verhoeff check digit of the first eleven.
CREATE OR REPLACE FUNCTION anon.is_in_aadhaar(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    c_d constant int[] := ARRAY[
        0,1,2,3,4,5,6,7,8,9, 1,2,3,4,0,6,7,8,9,5, 2,3,4,0,1,7,8,9,5,6, 3,4,0,1,2,8,9,5,6,7,
        4,0,1,2,3,9,5,6,7,8, 5,9,8,7,6,0,4,3,2,1, 6,5,9,8,7,1,0,4,3,2, 7,6,5,9,8,2,1,0,4,3,
        8,7,6,5,9,3,2,1,0,4, 9,8,7,6,5,4,3,2,1,0];
    c_p constant int[] := ARRAY[
        0,1,2,3,4,5,6,7,8,9, 1,5,7,6,2,8,3,0,9,4, 5,8,0,3,7,9,6,1,4,2, 8,9,1,6,0,4,3,5,2,7,
        9,4,5,3,1,2,6,8,7,0, 4,2,8,6,5,7,3,9,0,1, 2,7,9,3,8,0,6,4,1,5, 7,0,4,6,9,1,3,2,5,8];
    v_digits text := pg_catalog.translate(p_value, ' -', '');
    v_check int := 0;
    v_len int;
BEGIN
    IF v_digits !~ '^[2-9][0-9]{11}$' THEN
        RETURN false;
    END IF;
    v_len := pg_catalog.length(v_digits);
    FOR i IN 0 .. v_len - 1 LOOP
        v_check := c_d[v_check * 10 + c_p[(i % 8) * 10 + pg_catalog.substr(v_digits, v_len - i, 1)::int + 1] + 1];
    END LOOP;
    RETURN v_check = 0;
END
$$;
COMMENT ON FUNCTION anon.is_in_aadhaar(text) IS
    'pgscrub: true for an Aadhaar number whose Verhoeff check digit matches';
