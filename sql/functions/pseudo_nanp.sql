-- requires: pseudo_int.sql
-- Digits for a fictional North American number: NPA 555 01XX (the range reserved for
-- fiction; area code 2xx-9xx and last two digits keyed), then 8 more keyed digits for
-- extensions. The first digit of the area code is never p_unlike (the first digit of the
-- original area code), so the number never equals the original: the keyed number is
-- taken modulo 7*10^17 and shifted by (p_unlike - 1)*10^17 modulo 8*10^17 (the first
-- digit runs over 2-9). One reference to the hash (see pseudo_int.sql).
CREATE OR REPLACE FUNCTION anon.pseudo_nanp(p_hash bytea, p_unlike text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN OVERLAY(
    (200000000000000000 OPERATOR(pg_catalog.+)
        (((anon.pseudo_int(p_hash) OPERATOR(pg_catalog.%) 700000000000000000)
          OPERATOR(pg_catalog.+) (COALESCE(pg_catalog.strpos('23456789', NULLIF(p_unlike, '')), 0)::bigint
                                 OPERATOR(pg_catalog.*) 100000000000000000))
         OPERATOR(pg_catalog.%) 800000000000000000))::text
    PLACING '55501' FROM 4 FOR 5);
COMMENT ON FUNCTION anon.pseudo_nanp(bytea, text) IS
    'pgscrub: 18 digits starting NPA55501XX, a fictional North American number whose area code never starts with p_unlike';
