-- Czech/Slovak birth number (rodné číslo): YYMMDD/XXXX, the slash optional. The month
-- carries +50 for women (and +20 from 2004); the day must exist. Ten-digit numbers are
-- divisible by 11 (or end in 0 when the remainder is 10); nine digits (YYMMDD/XXX) only before 1954.
CREATE OR REPLACE FUNCTION anon.is_cz_birth_number(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    -- Nine digits only with the slash: bare nine-digit numbers with a date-like start are too common.
    v_parts text[] := pg_catalog.regexp_match(pg_catalog.btrim(p_value), '^([0-9]{2})([0-9]{2})([0-9]{2})(?:/([0-9]{3,4})|([0-9]{4}))$');
    v_year int;
    v_month int;
    v_digits text;
BEGIN
    IF v_parts IS NULL THEN
        RETURN false;
    END IF;
    v_year := v_parts[1]::int;
    v_month := v_parts[2]::int % 50;
    IF v_month > 20 THEN
        v_month := v_month - 20;
    END IF;
    v_parts[4] := COALESCE(v_parts[4], v_parts[5]);
    v_digits := v_parts[1] || v_parts[2] || v_parts[3] || v_parts[4];
    IF pg_catalog.length(v_parts[4]) = 3 THEN
        IF v_year >= 54 THEN
            RETURN false;
        END IF;
        v_year := 1900 + v_year;
    ELSE
        IF NOT (v_digits::bigint % 11 = 0
                OR (pg_catalog.left(v_digits, 9)::bigint % 11 = 10 AND pg_catalog.right(v_digits, 1) = '0')) THEN
            RETURN false;
        END IF;
        v_year := CASE WHEN v_year >= 54 THEN 1900 ELSE 2000 END + v_year;
    END IF;
    RETURN v_month BETWEEN 1 AND 12
       AND v_parts[3]::int BETWEEN 1 AND pg_catalog.date_part('day',
               pg_catalog.make_date(v_year, v_month, 1) + interval '1 month - 1 day')::int;
END
$$;
COMMENT ON FUNCTION anon.is_cz_birth_number(text) IS
    'pgscrub: true for a Czech or Slovak birth number (valid date, mod-11 rule for ten digits)';
