-- The keyed fingerprint of a message: 8 bytes of SHA-256(key || message), key =
-- anon.fingerprint_key(). The message says what is fingerprinted
-- (anon.fingerprint_value_message, anon.fingerprint_row_message); keeping the two apart lets
-- validation build messages in every branch of one statement and hash them once above a
-- single InitPlan for the key (an InitPlan per UNION ALL branch rules out a parallel plan).
-- NULL message, NULL fingerprint. Hot path: inlinable SQL-standard body, STABLE as
-- convert_to is (an IMMUTABLE body calling it would not be inlined).
CREATE OR REPLACE FUNCTION anon.fingerprint(p_key bytea, p_message text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.substr(pg_catalog.sha256(p_key OPERATOR(pg_catalog.||) pg_catalog.convert_to(p_message, 'UTF8')), 1, 8);
COMMENT ON FUNCTION anon.fingerprint(bytea, text) IS
    'pgscrub: keyed fingerprint (8 bytes of SHA-256) of a fingerprint message under anon.fingerprint_key()';
