-- French social security number (NIR): sex (1, 2, 3, 4, 7, 8), birth year, month (01-12,
-- 20-42 or 50-99 when unknown), department (2A/2B for Corsica), commune, order, and the
-- key 97 - (number mod 97), Corsica counted as 19 (2A) and 18 (2B). Spaces allowed.
CREATE OR REPLACE FUNCTION anon.is_fr_nir(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_compact text := pg_catalog.upper(pg_catalog.translate(p_value, ' .-', ''));
    v_number numeric;
    v_month int;
BEGIN
    IF v_compact !~ '^[1-478][0-9]{4}(2[AB]|[0-9]{2})[0-9]{8}$' THEN
        RETURN false;
    END IF;
    v_month := pg_catalog.substr(v_compact, 4, 2)::int;
    IF NOT (v_month BETWEEN 1 AND 12 OR v_month BETWEEN 20 AND 42 OR v_month >= 50) THEN
        RETURN false;
    END IF;
    v_number := pg_catalog.replace(pg_catalog.replace(pg_catalog.left(v_compact, 13), '2A', '19'), '2B', '18')::numeric;
    RETURN 97 - (v_number % 97) = pg_catalog.right(v_compact, 2)::numeric;
END
$$;
COMMENT ON FUNCTION anon.is_fr_nir(text) IS
    'pgscrub: true for a valid French NIR (numéro de sécurité sociale) including its mod-97 key';
