-- Is the whole value an IPv4 or IPv6 address? (inet/cidr columns are IP addresses by type.)
-- Inlinable: an anchored character-class prefilter, then one regular expression per family.
CREATE OR REPLACE FUNCTION anon.is_ip_address(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) BETWEEN 7 AND 45
   AND ((p_value OPERATOR(pg_catalog.~) '^[0-9.]+$'
         AND p_value OPERATOR(pg_catalog.~)
             '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$')
     OR (pg_catalog.strpos(p_value, ':') > 0
         AND p_value OPERATOR(pg_catalog.~) '^[0-9A-Fa-f:.]+$'
         AND p_value OPERATOR(pg_catalog.~*) (
             '^(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}'
             || '|([0-9a-f]{1,4}:){1,7}:'
             || '|([0-9a-f]{1,4}:){1,6}(:[0-9a-f]{1,4}){1,1}'
             || '|([0-9a-f]{1,4}:){1,5}(:[0-9a-f]{1,4}){1,2}'
             || '|([0-9a-f]{1,4}:){1,4}(:[0-9a-f]{1,4}){1,3}'
             || '|([0-9a-f]{1,4}:){1,3}(:[0-9a-f]{1,4}){1,4}'
             || '|([0-9a-f]{1,4}:){1,2}(:[0-9a-f]{1,4}){1,5}'
             || '|[0-9a-f]{1,4}:(:[0-9a-f]{1,4}){1,6}'
             || '|:(:[0-9a-f]{1,4}){1,7}'
             || '|::'
             || '|(::(ffff(:0{1,4})?:)?|([0-9a-f]{1,4}:){1,4}:)((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])'
             || ')$')));
COMMENT ON FUNCTION anon.is_ip_address(text) IS
    'pgscrub: true when the whole value is an IPv4 or IPv6 address';
