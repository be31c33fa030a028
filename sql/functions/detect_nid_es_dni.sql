-- Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): the letter is
-- TRWAGMYFPDXBNJZSQVHLCKE[number mod 23], X/Y/Z counting as 0/1/2.
CREATE OR REPLACE FUNCTION anon.is_es_dni(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_compact text := pg_catalog.upper(pg_catalog.translate(p_value, ' -.', ''));
    v_number bigint;
BEGIN
    IF v_compact !~ '^([0-9]{8}|[XYZ][0-9]{7})[A-Z]$' THEN
        RETURN false;
    END IF;
    v_number := pg_catalog.translate(pg_catalog.left(v_compact, 8), 'XYZ', '012')::bigint;
    RETURN pg_catalog.substr('TRWAGMYFPDXBNJZSQVHLCKE', (v_number % 23)::int + 1, 1) = pg_catalog.right(v_compact, 1);
END
$$;
COMMENT ON FUNCTION anon.is_es_dni(text) IS
    'pgscrub: true for a Spanish DNI or NIE whose control letter matches';
