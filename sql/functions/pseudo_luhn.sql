-- The payload followed by its Luhn check digit. PL/pgSQL on purpose: the check depends
-- on every payload digit, and an inlined SQL body would evaluate the (keyed) payload
-- once per use; a real call evaluates it once. Used by the card masker only.
CREATE OR REPLACE FUNCTION anon.pseudo_luhn(p_payload text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_sum int := 0;
    v_digit int;
    v_position int;
    v_length int := pg_catalog.length(p_payload);
BEGIN
    IF p_payload IS NULL THEN
        RETURN NULL;
    END IF;
    -- The check digit will be rightmost, so the payload's rightmost digit is doubled.
    FOR v_position IN 0 .. v_length - 1 LOOP
        v_digit := pg_catalog.ascii(pg_catalog.substr(p_payload, v_length - v_position, 1)) - 48;
        IF v_position % 2 = 0 THEN
            v_digit := v_digit * 2;
            IF v_digit > 9 THEN
                v_digit := v_digit - 9;
            END IF;
        END IF;
        v_sum := v_sum + v_digit;
    END LOOP;
    RETURN p_payload || ((10 - v_sum % 10) % 10)::text;
END
$$;
COMMENT ON FUNCTION anon.pseudo_luhn(text) IS
    'pgscrub: the digit string followed by its Luhn check digit';
