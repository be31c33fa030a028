-- Every path strictly above a JSON path rule's path, as one regular expression over keys
-- joined by \x1f ('*' matching any key or position), for anon.mask_json's spec
-- ("within"): the masker enters a container without a rule only when a rule's path goes
-- through it. p_paths is the spec's "paths" array; '^$' (only the root) when no rule is
-- deeper than one key.
CREATE OR REPLACE FUNCTION anon.json_path_prefixes(p_paths jsonb)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT COALESCE(pg_catalog.string_agg('^(?:' || p.prefixes || ')$', '|' ORDER BY p.prefixes), '^$')
      FROM (SELECT (SELECT pg_catalog.string_agg(CASE WHEN s.i > 1 THEN E'(?:\x1f' ELSE '' END
                                                 || CASE WHEN s.step = '*' THEN E'[^\x1f]*'
                                                         ELSE pg_catalog.regexp_replace(s.step, '([.^$*+?()\[\]{}|\\])', '\\\1', 'g') END,
                                                 '' ORDER BY s.i)
                        || pg_catalog.repeat(')?', pg_catalog.jsonb_array_length(r.rule -> 'path') - 2)
                      FROM pg_catalog.jsonb_array_elements_text(r.rule -> 'path') WITH ORDINALITY AS s(step, i)
                     WHERE s.i < pg_catalog.jsonb_array_length(r.rule -> 'path')) AS prefixes
              FROM pg_catalog.jsonb_array_elements(p_paths) AS r(rule)
             WHERE pg_catalog.jsonb_array_length(r.rule -> 'path') > 1) AS p
$$;
COMMENT ON FUNCTION anon.json_path_prefixes(jsonb) IS
    'pgscrub: regular expression matching every path strictly above a JSON path rule, for anon.mask_json';
