-- At least p_count decimal digits from a keyed hash, for values longer than 18 digits
-- (the 64 hex characters of the hash read as digits, a-f as 0-5; repeated when longer).
-- One reference to the hash: see pseudo_int.sql.
CREATE OR REPLACE FUNCTION anon.pseudo_digits_long(p_hash bytea, p_count integer)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.repeat(pg_catalog.translate(pg_catalog.encode(p_hash, 'hex'), 'abcdef', '012345'),
                         p_count OPERATOR(pg_catalog./) 64 OPERATOR(pg_catalog.+) 1);
COMMENT ON FUNCTION anon.pseudo_digits_long(bytea, integer) IS
    'pgscrub: at least p_count pseudo-random decimal digits from a keyed hash';
