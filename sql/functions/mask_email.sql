-- requires: keyed_hash.sql, pseudo_email_domain.sql
-- Email: the local part becomes 16 hex characters of the keyed hash of the whole address
-- (lower-cased and trimmed, so Jane.Doe@Gmail.com and jane.doe@gmail.com give the same
-- output in every table), the domain is kept (lower-cased) or mapped. 64 bits: unique
-- with overwhelming probability. A value without '@' becomes the 16 hex characters.
CREATE OR REPLACE FUNCTION anon.mask_email(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'email')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN pg_catalog.strpos(p_value, '@') = 0 THEN
        pg_catalog.encode(pg_catalog.substr(anon.keyed_hash(p_domain, pg_catalog.lower(pg_catalog.btrim(p_value))), 1, 8), 'hex')
    ELSE pg_catalog.encode(pg_catalog.substr(anon.keyed_hash(p_domain, pg_catalog.lower(pg_catalog.btrim(p_value))), 1, 8), 'hex')
         OPERATOR(pg_catalog.||) '@'
         OPERATOR(pg_catalog.||) anon.pseudo_email_domain(pg_catalog.lower(pg_catalog.split_part(pg_catalog.btrim(p_value), '@', -1)), p_params)
END;
COMMENT ON FUNCTION anon.mask_email(text, jsonb, text) IS
    'pgscrub: keyed local part, domain kept or mapped; case-insensitive (params: domain_map, keep_domains, other_domain)';
