-- requires: pseudo_int.sql
-- 18 decimal digits from a keyed hash (one reference to the hash: see pseudo_int.sql).
CREATE OR REPLACE FUNCTION anon.pseudo_digits(p_hash bytea)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.lpad((anon.pseudo_int(p_hash) OPERATOR(pg_catalog.%) 1000000000000000000::bigint)::text, 18, '0');
COMMENT ON FUNCTION anon.pseudo_digits(bytea) IS
    'pgscrub: 18 pseudo-random decimal digits from a keyed hash';
