-- ISO 7064 MOD 97-10 check of an IBAN without separators: move the first four
-- characters to the end, letters to numbers (A=10 .. Z=35), the remainder must be 1.
CREATE OR REPLACE FUNCTION anon.iban_checksum_valid(p_iban text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_moved text := pg_catalog.substr(p_iban, 5) || pg_catalog.left(p_iban, 4);
    v_remainder int := 0;
    v_char text;
BEGIN
    IF p_iban !~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]+$' THEN
        RETURN false;
    END IF;
    FOREACH v_char IN ARRAY pg_catalog.regexp_split_to_array(v_moved, '') LOOP
        IF v_char BETWEEN '0' AND '9' THEN
            v_remainder := (v_remainder * 10 + v_char::int) % 97;
        ELSE
            v_remainder := (v_remainder * 100 + pg_catalog.ascii(v_char) - 55) % 97;
        END IF;
    END LOOP;
    RETURN v_remainder = 1;
END
$$;
COMMENT ON FUNCTION anon.iban_checksum_valid(text) IS
    'pgscrub: ISO 7064 mod-97 check of a compact IBAN (remainder 1)';
