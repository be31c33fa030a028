-- requires: keyed_hash.sql
-- The key of every fingerprint: HMAC-SHA256 of the session secret for this one purpose
-- (32 bytes). Capture and validation pass `(SELECT anon.fingerprint_key())` to
-- anon.fingerprint_value / anon.fingerprint_row: an InitPlan, computed once per statement
-- and handed to parallel workers, so each value costs one SHA-256 and not an HMAC; and,
-- unlike a bound parameter, never folded into the plan as a constant that EXPLAIN or
-- auto_explain would print (docs/validation.md, "The keyed hash").
CREATE OR REPLACE FUNCTION anon.fingerprint_key()
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN anon.keyed_hash('pgscrub-fingerprint-key', '');
COMMENT ON FUNCTION anon.fingerprint_key() IS
    'pgscrub: the fingerprint key derived from the session secret (HMAC-SHA256); errors without the secret';
