-- requires: keyed_hash.sql, pseudo_int.sql
-- IP addresses (inet/cidr):
--   prefix (default) keep the first keep_bits_v4 (24) / keep_bits_v6 (48) bits, key the
--          host part: analytics by network still work, the host is gone;
--   pseudonymize: a keyed address in 10.0.0.0/8 or fd00::/8.
-- The netmask length of the value is kept.
-- Never the input itself (while at least one host bit is keyed): the keyed host is the
-- input's host h plus 1 + (hash mod (2^bits - 1)), modulo 2^bits, which skips h and is
-- still uniform over the others; the hash is referenced once per branch. IPv6 keys at
-- most the low 62 bits (bigint arithmetic on inet); higher host bits become zero.
CREATE OR REPLACE FUNCTION anon.mask_ip(p_value inet, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'ip')
RETURNS inet
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL THEN p_value
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'prefix') = 'pseudonymize' AND pg_catalog.family(p_value) = 4 THEN
        pg_catalog.set_masklen('10.0.0.0'::inet OPERATOR(pg_catalog.+)
            (((p_value OPERATOR(pg_catalog.&) '0.255.255.255'::inet) OPERATOR(pg_catalog.-) '0.0.0.0'::inet
              OPERATOR(pg_catalog.+) 1
              OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value))) OPERATOR(pg_catalog.%) 16777215))
             OPERATOR(pg_catalog.%) 16777216),
            pg_catalog.masklen(p_value))
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'prefix') = 'pseudonymize' THEN
        pg_catalog.set_masklen('fd00::'::inet OPERATOR(pg_catalog.+)
            (((p_value OPERATOR(pg_catalog.&) '::3fff:ffff:ffff:ffff'::inet) OPERATOR(pg_catalog.-) '::'::inet
              OPERATOR(pg_catalog.+) 1
              OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value))) OPERATOR(pg_catalog.%) 4611686018427387903))
             OPERATOR(pg_catalog.%) 4611686018427387904),
            pg_catalog.masklen(p_value))
    WHEN pg_catalog.family(p_value) = 4 THEN
        pg_catalog.set_masklen(
            pg_catalog.set_masklen(pg_catalog.network(pg_catalog.set_masklen(p_value, COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24))), 32)
            OPERATOR(pg_catalog.+)
            (((p_value OPERATOR(pg_catalog.&) pg_catalog.hostmask(pg_catalog.set_masklen(p_value, COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24))))
                  OPERATOR(pg_catalog.-) '0.0.0.0'::inet
              OPERATOR(pg_catalog.+) 1
              OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value)))
                  OPERATOR(pg_catalog.%) GREATEST((1::bigint OPERATOR(pg_catalog.<<) (32 OPERATOR(pg_catalog.-) COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24))) OPERATOR(pg_catalog.-) 1, 1)))
             OPERATOR(pg_catalog.%) (1::bigint OPERATOR(pg_catalog.<<) (32 OPERATOR(pg_catalog.-) COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v4')::integer, 24)))),
            pg_catalog.masklen(p_value))
    ELSE
        pg_catalog.set_masklen(
            pg_catalog.set_masklen(pg_catalog.network(pg_catalog.set_masklen(p_value, COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48))), 128)
            OPERATOR(pg_catalog.+)
            (((p_value OPERATOR(pg_catalog.&) pg_catalog.hostmask(pg_catalog.set_masklen(p_value, GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48), 66))))
                  OPERATOR(pg_catalog.-) '::'::inet
              OPERATOR(pg_catalog.+) 1
              OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.host(p_value)))
                  OPERATOR(pg_catalog.%) GREATEST((1::bigint OPERATOR(pg_catalog.<<) (128 OPERATOR(pg_catalog.-) GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48), 66))) OPERATOR(pg_catalog.-) 1, 1)))
             OPERATOR(pg_catalog.%) (1::bigint OPERATOR(pg_catalog.<<) (128 OPERATOR(pg_catalog.-) GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'keep_bits_v6')::integer, 48), 66)))),
            pg_catalog.masklen(p_value))
END;
COMMENT ON FUNCTION anon.mask_ip(inet, jsonb, text) IS
    'pgscrub: IP with the network prefix kept and a keyed host, or a keyed private address, never the input (params: mode, keep_bits_v4, keep_bits_v6)';
