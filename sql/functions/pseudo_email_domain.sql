-- The domain of a masked email: the original (lower-cased), or its replacement from
-- params.domain_map, or params.other_domain when params.keep_domains does not list it
-- (so corporate or rare domains do not identify anyone). With empty params the planner
-- folds all of it away.
CREATE OR REPLACE FUNCTION anon.pseudo_email_domain(p_domain_part text, p_params jsonb)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN COALESCE(
    p_params OPERATOR(pg_catalog.->) 'domain_map' OPERATOR(pg_catalog.->>) p_domain_part,
    CASE WHEN p_params OPERATOR(pg_catalog.?) 'keep_domains'
              AND NOT ((p_params OPERATOR(pg_catalog.->) 'keep_domains') OPERATOR(pg_catalog.?) p_domain_part)
         THEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'other_domain', 'example.com')
         ELSE p_domain_part
    END);
COMMENT ON FUNCTION anon.pseudo_email_domain(text, jsonb) IS
    'pgscrub: the domain kept in a masked email, after domain_map / keep_domains';
