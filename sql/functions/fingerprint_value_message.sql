-- requires: fingerprint_norm.sql
-- What a value fingerprint hashes: 'v', then the value's canonical form
-- (anon.fingerprint_norm). NULL in, NULL out. Hot path: inlinable SQL-standard body.
CREATE OR REPLACE FUNCTION anon.fingerprint_value_message(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN 'v' OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) anon.fingerprint_norm(p_value);
COMMENT ON FUNCTION anon.fingerprint_value_message(text) IS
    'pgscrub: the message a value fingerprint hashes (the value in canonical form); NULL in, NULL out';
