-- US Social Security number, written AAA-GG-SSSS (dashes or spaces): area not 000, 666
-- or 9xx, group not 00, serial not 0000, and not one of the numbers published in ads.
CREATE OR REPLACE FUNCTION anon.is_us_ssn(p_value text)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_parts text[] := pg_catalog.regexp_match(p_value, '^\s*([0-9]{3})([- ])([0-9]{2})\2([0-9]{4})\s*$');
BEGIN
    RETURN v_parts IS NOT NULL
       AND v_parts[1] NOT IN ('000', '666') AND v_parts[1] < '900'
       AND v_parts[3] <> '00' AND v_parts[4] <> '0000'
       AND v_parts[1] || v_parts[3] || v_parts[4] NOT IN ('078051120', '219099999', '123456789');
END
$$;
COMMENT ON FUNCTION anon.is_us_ssn(text) IS
    'pgscrub: true for a formatted US SSN (AAA-GG-SSSS) that follows the area/group/serial rules';
