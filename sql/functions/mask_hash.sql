-- requires: keyed_hash.sql
-- The keyed hash of the value, as params.length (default 64: all of it) hex characters: the same
-- value gives the same hash within the domain, and nobody without the secret can tell
-- which value it was (an unkeyed hash of an email can be reversed by guessing).
CREATE OR REPLACE FUNCTION anon.mask_hash(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'hash')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    ELSE pg_catalog.left(pg_catalog.encode(anon.keyed_hash(p_domain, p_value), 'hex'),
                         COALESCE((p_params OPERATOR(pg_catalog.->>) 'length')::integer, 64))
END;
COMMENT ON FUNCTION anon.mask_hash(text, jsonb, text) IS
    'pgscrub: keyed HMAC-SHA256 of the value in hex (params: length)';
