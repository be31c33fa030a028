-- requires: keyed_hash.sql
-- params.prefix (default 'user_') followed by params.length (default 16) hex characters of
-- the keyed hash: readable unique handles for usernames and logins.
CREATE OR REPLACE FUNCTION anon.mask_pseudonym(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'pseudonym')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    ELSE COALESCE(p_params OPERATOR(pg_catalog.->>) 'prefix', 'user_')
         OPERATOR(pg_catalog.||) pg_catalog.left(pg_catalog.encode(anon.keyed_hash(p_domain, p_value), 'hex'),
                                                 COALESCE((p_params OPERATOR(pg_catalog.->>) 'length')::integer, 16))
END;
COMMENT ON FUNCTION anon.mask_pseudonym(text, jsonb, text) IS
    'pgscrub: prefix plus keyed hex, e.g. user_3f9a2b7c4d5e6f70 (params: prefix, length)';
