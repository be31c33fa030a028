-- Brazilian CPF: 11 digits (000.000.000-00), two mod-11 check digits, not all equal.
CREATE OR REPLACE FUNCTION anon.is_br_cpf(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_digits text := pg_catalog.translate(p_value, ' .-/', '');
    v_sum int;
    v_check int;
BEGIN
    IF v_digits !~ '^[0-9]{11}$' OR v_digits ~ '^(.)\1{10}$' THEN
        RETURN false;
    END IF;
    FOR v_position IN 10 .. 11 LOOP
        v_sum := 0;
        FOR i IN 1 .. v_position - 1 LOOP
            v_sum := v_sum + (v_position + 1 - i) * pg_catalog.substr(v_digits, i, 1)::int;
        END LOOP;
        v_check := (v_sum * 10) % 11 % 10;
        IF v_check <> pg_catalog.substr(v_digits, v_position, 1)::int THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END
$$;
COMMENT ON FUNCTION anon.is_br_cpf(text) IS
    'pgscrub: true for a Brazilian CPF whose two check digits match';
