-- requires: mask_ip.sql, mask_digits.sql
-- IP addresses stored as text (or inside JSON): IPv4 (0-255 octets, optional /len) and
-- IPv6 (the unspecified address :: included) through mask_ip, printed back the same way;
-- anything else digit by digit.
CREATE OR REPLACE FUNCTION anon.mask_ip_text(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'ip')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN p_value OPERATOR(pg_catalog.~) '^((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?$'
      OR p_value OPERATOR(pg_catalog.~) '^([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}$|^(([0-9A-Fa-f]{1,4}:){1,6}|:)(:[0-9A-Fa-f]{1,4}){1,6}$|^([0-9A-Fa-f]{1,4}:){1,7}:$|^::$' THEN
        CASE WHEN pg_catalog.strpos(p_value, '/') > 0
             THEN anon.mask_ip(p_value::inet, p_params, p_domain)::text
             ELSE pg_catalog.host(anon.mask_ip(p_value::inet, p_params, p_domain))
        END
    ELSE anon.mask_digits(p_value, '{}', p_domain)
END;
COMMENT ON FUNCTION anon.mask_ip_text(text, jsonb, text) IS
    'pgscrub: mask_ip for addresses stored as text; other text digit by digit';
