-- requires: secret_bytes.sql
-- HMAC-SHA256 of a value under the session secret, separated by domain so that the
-- same value hashed for two purposes (an email pseudonym, a fingerprint) gives
-- unrelated outputs. Every keyed output of pgscrub goes through here.
CREATE OR REPLACE FUNCTION anon.keyed_hash(p_domain text, p_value text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN @extschema:pgcrypto@.hmac(
    pg_catalog.convert_to(p_domain OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) p_value, 'UTF8'),
    anon.secret_bytes(),
    'sha256');
COMMENT ON FUNCTION anon.keyed_hash(text, text) IS
    'pgscrub: HMAC-SHA256(secret, domain || '':'' || value); NULL in, NULL out';
