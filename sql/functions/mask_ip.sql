-- requires: keyed_hash.sql, pseudo_int.sql
-- IP addresses (inet/cidr):
--   prefix (default) keep the first keep_bits_v4 (24) / keep_bits_v6 (48) bits, key the
--          host part: analytics by network still work, the host is gone;
--   pseudonymize: a keyed address in 10.0.0.0/8 or fd00::/8.
-- The netmask length of the value is kept.
CREATE OR REPLACE FUNCTION anon.mask_ip(p_value inet, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'ip')
RETURNS inet
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL THEN p_value
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'prefix') = 'pseudonymize' AND pg_catalog.family(p_value) = 4 THEN
        pg_catalog.set_masklen('10.0.0.0'::inet OPERATOR(pg_catalog.+)
            (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value))) OPERATOR(pg_catalog.%) 16777216),
            pg_catalog.masklen(p_value))
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'prefix') = 'pseudonymize' THEN
        pg_catalog.set_masklen('fd00::'::inet OPERATOR(pg_catalog.+)
            anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value))),
            pg_catalog.masklen(p_value))
    WHEN pg_catalog.family(p_value) = 4 THEN
        pg_catalog.set_masklen(
            pg_catalog.set_masklen(pg_catalog.network(pg_catalog.set_masklen(p_value, COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24))), 32)
            OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value)))
                OPERATOR(pg_catalog.%) ((2::bigint OPERATOR(pg_catalog.^) (32 OPERATOR(pg_catalog.-) COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24)))::bigint)),
            pg_catalog.masklen(p_value))
    ELSE
        pg_catalog.set_masklen(
            pg_catalog.set_masklen(pg_catalog.network(pg_catalog.set_masklen(p_value, COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48))), 128)
            OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value)))
                OPERATOR(pg_catalog.%) (LEAST(2::numeric OPERATOR(pg_catalog.^) (128 OPERATOR(pg_catalog.-) COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48)), 9223372036854775807::numeric))::bigint),
            pg_catalog.masklen(p_value))
END;
COMMENT ON FUNCTION anon.mask_ip(inet, jsonb, text) IS
    'pgscrub: IP with the network prefix kept and a keyed host, or a keyed private address (params: mode, keep_bits_v4, keep_bits_v6)';
