-- requires: pseudo_int.sql
-- Digits for a fictional North American number: NPA 555 01XX (the range reserved for
-- fiction; area code 2xx-9xx and last two digits keyed), then 8 more keyed digits for
-- extensions. One reference to the hash (see pseudo_int.sql).
CREATE OR REPLACE FUNCTION anon.pseudo_nanp(p_hash bytea)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN OVERLAY(
    (200000000000000000 OPERATOR(pg_catalog.+) (anon.pseudo_int(p_hash) OPERATOR(pg_catalog.%) 800000000000000000))::text
    PLACING '55501' FROM 4 FOR 5);
COMMENT ON FUNCTION anon.pseudo_nanp(bytea) IS
    'pgscrub: 18 digits starting NPA55501XX, a fictional North American number';
