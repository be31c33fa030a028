-- What is wrong with a strategy name and its parameters, one row per problem (none when
-- valid): unknown strategy, unknown parameter, wrong type, out of range, not one of the
-- allowed values, missing required parameter. preflight_rules raises on the first;
-- `pgscrub rules import` reports each at its line in the YAML file.
CREATE OR REPLACE FUNCTION anon.rule_param_errors(p_strategy text, p_params jsonb)
RETURNS TABLE (param text, message text)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    WITH spec AS (SELECT s.params FROM anon.rule_strategies() s WHERE s.strategy = p_strategy),
    given AS (SELECT g.key, g.value FROM pg_catalog.jsonb_each(COALESCE(p_params, '{}')) AS g)
    SELECT NULL::text, pg_catalog.format('unknown strategy "%s" (strategies: %s)', p_strategy,
                  (SELECT pg_catalog.string_agg(s.strategy, ', ' ORDER BY s.strategy) FROM anon.rule_strategies() s))
     WHERE NOT EXISTS (SELECT FROM spec)
    UNION ALL
    SELECT g.key, CASE
               WHEN NOT (spec.params ? g.key) THEN
                   pg_catalog.format('unknown parameter "%s" for strategy %s (parameters: %s)', g.key, p_strategy,
                       COALESCE((SELECT pg_catalog.string_agg(k, ', ' ORDER BY k) FROM pg_catalog.jsonb_object_keys(spec.params) AS k), 'none'))
               WHEN CASE spec.params -> g.key ->> 'type'
                        WHEN 'integer' THEN pg_catalog.jsonb_typeof(g.value) <> 'number' OR g.value::text ~ '[.eE]'
                        ELSE pg_catalog.jsonb_typeof(g.value) IS DISTINCT FROM
                             CASE spec.params -> g.key ->> 'type' WHEN 'string' THEN 'string' WHEN 'boolean' THEN 'boolean'
                                  WHEN 'array' THEN 'array' WHEN 'object' THEN 'object' END
                    END THEN
                   pg_catalog.format('parameter "%s" of strategy %s must be %s %s, not %s', g.key, p_strategy,
                       CASE WHEN spec.params -> g.key ->> 'type' IN ('integer', 'array', 'object') THEN 'an' ELSE 'a' END,
                       spec.params -> g.key ->> 'type', pg_catalog.jsonb_typeof(g.value))
               WHEN spec.params -> g.key ? 'enum' AND NOT (spec.params -> g.key -> 'enum') @> pg_catalog.jsonb_build_array(g.value) THEN
                   pg_catalog.format('parameter "%s" of strategy %s must be one of %s', g.key, p_strategy,
                       (SELECT pg_catalog.string_agg(e, ', ') FROM pg_catalog.jsonb_array_elements_text(spec.params -> g.key -> 'enum') AS e))
               WHEN spec.params -> g.key ? 'min' AND (g.value::text::numeric < (spec.params -> g.key ->> 'min')::numeric
                                                      OR g.value::text::numeric > (spec.params -> g.key ->> 'max')::numeric) THEN
                   pg_catalog.format('parameter "%s" of strategy %s must be between %s and %s', g.key, p_strategy,
                       spec.params -> g.key ->> 'min', spec.params -> g.key ->> 'max')
           END
      FROM spec CROSS JOIN given g
     WHERE NOT (spec.params ? g.key)
        OR CASE spec.params -> g.key ->> 'type'
               WHEN 'integer' THEN pg_catalog.jsonb_typeof(g.value) <> 'number' OR g.value::text ~ '[.eE]'
               ELSE pg_catalog.jsonb_typeof(g.value) IS DISTINCT FROM
                    CASE spec.params -> g.key ->> 'type' WHEN 'string' THEN 'string' WHEN 'boolean' THEN 'boolean'
                         WHEN 'array' THEN 'array' WHEN 'object' THEN 'object' END
           END
        OR (spec.params -> g.key ? 'enum' AND NOT (spec.params -> g.key -> 'enum') @> pg_catalog.jsonb_build_array(g.value))
        OR (spec.params -> g.key ? 'min' AND (g.value::text::numeric < (spec.params -> g.key ->> 'min')::numeric
                                              OR g.value::text::numeric > (spec.params -> g.key ->> 'max')::numeric))
    UNION ALL
    SELECT r.key, pg_catalog.format('strategy %s needs parameter "%s"', p_strategy, r.key)
      FROM spec CROSS JOIN pg_catalog.jsonb_each(spec.params) AS r
     WHERE (r.value ->> 'required')::boolean AND NOT (COALESCE(p_params, '{}') ? r.key)
$$;
COMMENT ON FUNCTION anon.rule_param_errors(text, jsonb) IS
    'pgscrub: problems with a strategy and its parameters, one row each (none when valid)';
