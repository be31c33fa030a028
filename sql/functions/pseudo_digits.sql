-- requires: pseudo_int.sql
-- 18 decimal digits from a keyed hash, the first of which is never p_unlike (the first
-- digit the masker replaces, so that the output never equals the input; NULL: any).
-- The keyed number is taken modulo 9*10^17 (its first digit is 0-8) and shifted by
-- (p_unlike + 1)*10^17 modulo 10^18: the first digit is then p_unlike + 1..9 mod 10,
-- every other digit stays uniform. One reference to the hash (see pseudo_int.sql).
CREATE OR REPLACE FUNCTION anon.pseudo_digits(p_hash bytea, p_unlike text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.lpad((
    ((anon.pseudo_int(p_hash) OPERATOR(pg_catalog.%) 900000000000000000::bigint)
     OPERATOR(pg_catalog.+) (COALESCE(pg_catalog.strpos('0123456789', NULLIF(p_unlike, '')), 0)::bigint
                            OPERATOR(pg_catalog.*) 100000000000000000::bigint))
    OPERATOR(pg_catalog.%) 1000000000000000000::bigint)::text, 18, '0');
COMMENT ON FUNCTION anon.pseudo_digits(bytea, text) IS
    'pgscrub: 18 pseudo-random decimal digits from a keyed hash, the first never p_unlike';
