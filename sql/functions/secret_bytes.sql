-- The session's masking secret as an HMAC key. Inlined into masking statements
-- (SQL-standard body, no SET clause: see docs/internals.md "hot path").
CREATE OR REPLACE FUNCTION anon.secret_bytes()
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.convert_to(
    pg_catalog.current_setting('anon.secret')::anon.secret_text::pg_catalog.text, 'UTF8');
COMMENT ON FUNCTION anon.secret_bytes() IS
    'pgscrub: the session masking secret (anon.secret) as bytes; errors when it is missing or short';
