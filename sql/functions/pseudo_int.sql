-- A non-negative 63-bit integer from the first 8 bytes of a keyed hash: the source of
-- every keyed choice (dictionary positions, digits, date offsets). Hot path: inlined.
-- Callers pass the hash expression itself, so the body must reference it exactly once
-- (an inlined parameter used twice would compute the HMAC twice).
CREATE OR REPLACE FUNCTION anon.pseudo_int(p_hash bytea)
RETURNS bigint
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN (('x' OPERATOR(pg_catalog.||) pg_catalog.encode(pg_catalog.substr(p_hash, 1, 8), 'hex'))::pg_catalog.bit(64)::bigint)
       OPERATOR(pg_catalog.&) 9223372036854775807;
COMMENT ON FUNCTION anon.pseudo_int(bytea) IS
    'pgscrub: non-negative bigint from the first 8 bytes of a hash (keyed choices)';
