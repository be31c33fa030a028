-- requires: pseudo_fill.sql
-- A digit-masked national ID with its check digits made valid again, for the kinds whose
-- check is a weighted sum of every digit (so it cannot be kept as a residue, as for IBAN
-- or DNI): br_cpf (two mod-11 digits) and nl_bsn (the 11-test: the last digit; when the
-- payload has no valid check digit its last payload digit is stepped until it has).
-- Separators stay where they were; the first digit is never touched (the masker changed
-- it, so the result still differs from the original). PL/pgSQL: the checks read every
-- digit, and a real call evaluates the masked value once. Other kinds: unchanged.
CREATE OR REPLACE FUNCTION anon.pseudo_check_digits(p_kind text, p_value text)
RETURNS text
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_digits text := pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g');
    v_length int := pg_catalog.length(pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g'));
    v_sum int;
    v_check int;
BEGIN
    IF p_kind = 'br_cpf' AND v_length = 11 THEN
        FOR v_position IN 10 .. 11 LOOP
            v_sum := 0;
            FOR i IN 1 .. v_position - 1 LOOP
                v_sum := v_sum + (v_position + 1 - i) * pg_catalog.substr(v_digits, i, 1)::int;
            END LOOP;
            v_digits := OVERLAY(v_digits PLACING ((v_sum * 10) % 11 % 10)::text FROM v_position FOR 1);
        END LOOP;
    ELSIF p_kind = 'nl_bsn' AND v_length IN (8, 9) THEN
        v_digits := pg_catalog.lpad(v_digits, 9, '0');
        LOOP
            v_sum := 0;
            FOR i IN 1 .. 8 LOOP
                v_sum := v_sum + (10 - i) * pg_catalog.substr(v_digits, i, 1)::int;
            END LOOP;
            v_check := v_sum % 11;
            EXIT WHEN v_check < 10 AND v_sum - v_check > 0;
            v_digits := OVERLAY(v_digits PLACING ((pg_catalog.substr(v_digits, 8, 1)::int + 1) % 10)::text FROM 8 FOR 1);
        END LOOP;
        v_digits := pg_catalog.right(OVERLAY(v_digits PLACING v_check::text FROM 9 FOR 1), v_length);
    ELSE
        RETURN p_value;
    END IF;
    RETURN anon.pseudo_fill(p_value, v_digits);
END
$$;
COMMENT ON FUNCTION anon.pseudo_check_digits(text, text) IS
    'pgscrub: a digit-masked CPF or BSN with valid check digits again (separators kept)';
