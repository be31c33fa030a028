-- requires: keyed_hash.sql
-- The key of every fingerprint: HMAC-SHA256 of the session secret for this one purpose
-- (32 bytes). Capture and validation compute it once per statement and pass it to
-- anon.fingerprint_value / anon.fingerprint_row as a parameter, so that each value costs
-- one SHA-256 and not an HMAC (docs/validation.md, "the keyed hash").
CREATE OR REPLACE FUNCTION anon.fingerprint_key()
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN anon.keyed_hash('pgscrub-fingerprint-key', '');
COMMENT ON FUNCTION anon.fingerprint_key() IS
    'pgscrub: the fingerprint key derived from the session secret (HMAC-SHA256); errors without the secret';
