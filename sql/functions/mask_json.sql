-- JSON/JSONB documents: values at the rules' paths masked with the rule's strategy, and,
-- when p_spec.keys is true, every value under a PII-named key (column hints: "email",
-- "phone", "first_name", ...) at any depth masked with that kind's strategy. The
-- document keeps its shape and types: strings stay strings, numbers stay numbers when the
-- masked value is still a number, booleans and nulls are untouched.
-- p_spec (built by anon.column_expression):
--   {"keys": true, "paths": [{"path": ["contact", "email"], "strategy": "email", "params": {}, "domain": "email"}]}
-- p_path and p_rule are the recursion's position and the rule inherited from above.
-- PL/pgSQL: a walk over a document of any depth cannot be a single expression.
CREATE OR REPLACE FUNCTION anon.mask_json(p_doc jsonb, p_spec jsonb, p_path text[] DEFAULT '{}', p_rule jsonb DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_rule jsonb := p_rule;
    v_result jsonb;
    v_text text;
    v_kind text;
BEGIN
    IF p_doc IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT r INTO v_rule
      FROM pg_catalog.jsonb_array_elements(COALESCE(p_spec -> 'paths', '[]')) AS r
     WHERE pg_catalog.jsonb_array_length(r -> 'path') = pg_catalog.cardinality(p_path)
       AND NOT EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text(r -> 'path') WITH ORDINALITY AS s(step, i)
                        WHERE s.step <> '*' AND s.step IS DISTINCT FROM p_path[s.i])
     LIMIT 1;
    v_rule := COALESCE(v_rule, p_rule);
    CASE pg_catalog.jsonb_typeof(p_doc)
    WHEN 'object' THEN
        SELECT COALESCE(pg_catalog.jsonb_object_agg(e.key, anon.mask_json(e.value, p_spec, p_path || e.key,
                   COALESCE(v_rule, CASE WHEN COALESCE((p_spec ->> 'keys')::boolean, true) AND anon.rule_key_kind(e.key) IS NOT NULL
                                         THEN pg_catalog.jsonb_build_object('strategy', anon.rule_default_strategy(anon.rule_key_kind(e.key)))
                                    END))), '{}')
          INTO v_result FROM pg_catalog.jsonb_each(p_doc) AS e;
        RETURN v_result;
    WHEN 'array' THEN
        SELECT COALESCE(pg_catalog.jsonb_agg(anon.mask_json(e.value, p_spec, p_path || (e.i - 1)::text, v_rule) ORDER BY e.i), '[]')
          INTO v_result FROM pg_catalog.jsonb_array_elements(p_doc) WITH ORDINALITY AS e(value, i);
        RETURN v_result;
    WHEN 'string', 'number' THEN
        IF v_rule IS NULL OR v_rule ->> 'strategy' = 'keep' THEN
            RETURN p_doc;
        END IF;
        v_text := anon.mask_value(v_rule ->> 'strategy', p_doc #>> '{}', COALESCE(v_rule -> 'params', '{}'), v_rule ->> 'domain');
        IF v_text IS NULL THEN
            RETURN 'null'::jsonb;
        ELSIF pg_catalog.jsonb_typeof(p_doc) = 'number' AND v_text ~ '^-?[0-9]+(\.[0-9]+)?$' THEN
            RETURN pg_catalog.to_jsonb(v_text::numeric);
        END IF;
        RETURN pg_catalog.to_jsonb(v_text);
    ELSE
        RETURN p_doc;
    END CASE;
END
$$;
COMMENT ON FUNCTION anon.mask_json(jsonb, jsonb, text[], jsonb) IS
    'pgscrub: JSON document with values at rule paths and under PII-named keys masked, shape and types kept';
