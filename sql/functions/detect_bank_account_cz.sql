-- Czech/Slovak domestic account number: [prefix-]number/bank code (19-2000145399/0800),
-- prefix and number passing the weighted mod-11 check of the Czech National Bank.
CREATE OR REPLACE FUNCTION anon.is_cz_bank_account(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    c_weights constant int[] := ARRAY[6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
    v_parts text[] := pg_catalog.regexp_match(p_value, '^\s*(([0-9]{1,6})-)?([0-9]{2,10})/([0-9]{4})\s*$');
    v_part text;
    v_sum int;
BEGIN
    IF v_parts IS NULL OR v_parts[3]::bigint = 0 THEN
        RETURN false;
    END IF;
    FOREACH v_part IN ARRAY ARRAY[pg_catalog.lpad(COALESCE(v_parts[2], ''), 10, '0'),
                                  pg_catalog.lpad(v_parts[3], 10, '0')] LOOP
        v_sum := 0;
        FOR i IN 1 .. 10 LOOP
            v_sum := v_sum + c_weights[i] * pg_catalog.substr(v_part, i, 1)::int;
        END LOOP;
        IF v_sum % 11 <> 0 THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END
$$;
COMMENT ON FUNCTION anon.is_cz_bank_account(text) IS
    'pgscrub: true for a Czech/Slovak account number (prefix-number/bank) passing the mod-11 checks';
