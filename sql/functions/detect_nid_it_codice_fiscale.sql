-- Italian codice fiscale: 6 letters, year, month letter, day (41-71 for women), place
-- code, control letter from the odd/even position tables. Digits may be replaced by
-- L-V (omocodia).
CREATE OR REPLACE FUNCTION anon.is_it_codice_fiscale(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    -- Values of 0-9 then A-Z in odd positions (1st, 3rd, ...).
    c_odd constant int[] := ARRAY[1,0,5,7,9,13,15,17,19,21, 1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23];
    v_compact text := pg_catalog.upper(pg_catalog.translate(p_value, ' ', ''));
    v_char text;
    v_index int;
    v_sum int := 0;
    v_day int;
BEGIN
    IF v_compact !~ '^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$' THEN
        RETURN false;
    END IF;
    v_day := pg_catalog.translate(pg_catalog.substr(v_compact, 10, 2), 'LMNPQRSTUV', '0123456789')::int;
    IF NOT (v_day BETWEEN 1 AND 31 OR v_day BETWEEN 41 AND 71) THEN
        RETURN false;
    END IF;
    FOR i IN 1 .. 15 LOOP
        v_char := pg_catalog.substr(v_compact, i, 1);
        v_index := CASE WHEN v_char BETWEEN '0' AND '9' THEN v_char::int ELSE pg_catalog.ascii(v_char) - 55 END;
        IF i % 2 = 1 THEN
            v_sum := v_sum + c_odd[v_index + 1];
        ELSE
            v_sum := v_sum + CASE WHEN v_index < 10 THEN v_index ELSE v_index - 10 END;
        END IF;
    END LOOP;
    RETURN pg_catalog.chr(65 + v_sum % 26) = pg_catalog.right(v_compact, 1);
END
$$;
COMMENT ON FUNCTION anon.is_it_codice_fiscale(text) IS
    'pgscrub: true for an Italian codice fiscale whose control character matches';
