-- UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O;
-- not BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D. Spaces allowed.
CREATE OR REPLACE FUNCTION anon.is_uk_nino(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_compact text := pg_catalog.upper(pg_catalog.translate(p_value, ' ', ''));
BEGIN
    RETURN v_compact ~ '^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$'
       AND pg_catalog.left(v_compact, 2) NOT IN ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ');
END
$$;
COMMENT ON FUNCTION anon.is_uk_nino(text) IS
    'pgscrub: true for a structurally valid UK National Insurance number (AB 12 34 56 C)';
