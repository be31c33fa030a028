-- requires: json_key_kind.sql, rule_key_pattern.sql, rule_key_hints.sql, rule_default_strategy.sql, mask_value.sql
-- JSON/JSONB documents: values at the rules' paths masked with the rule's strategy, and,
-- when p_spec.keys is true, every value under a PII-named key (column hints: "email",
-- "phone", "first_name", ...) at any depth masked with that kind's strategy. The
-- document keeps its shape and types: strings stay strings, numbers stay numbers when the
-- masked value is still a number, booleans and nulls are untouched.
-- p_spec (built by anon.column_expression; "match" is the path as a regular expression
-- over the keys joined by \x1f, '*' matching any key or position):
--   {"keys": true, "paths": [{"path": ["contact", "email"], "match": "^contact\x1femail$", "exact": "contact\x1femail",
--                             "strategy": "email", "params": {}, "domain": "email"}],
--    "known_keys": {"email": "email", "signup": null}}   (optional, anon.json_known_keys)
-- PL/pgSQL, iterative (a stack of paths): a recursive PL/pgSQL function re-plans its
-- expressions at every nested call and costs ~80 us per level. A key is tested against
-- one combined pattern of the hints; the kind is looked up only on a match. No statement
-- runs a query (a query per object or key cost 15-40 us).
CREATE OR REPLACE FUNCTION anon.mask_json(p_doc jsonb, p_spec jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_doc jsonb := p_doc;
    v_paths jsonb := COALESCE(p_spec -> 'paths', '[]');
    v_keys boolean := COALESCE((p_spec ->> 'keys')::boolean, true);
    v_known jsonb := COALESCE(p_spec -> 'known_keys', '{}');  -- key -> kind, anon.json_known_keys
    v_match text[] := '{}';          -- each path rule's regular expression
    v_exact text[] := '{}';          -- each path rule's keys joined by \x1f when it has no '*'
    v_stack text[] := '{}';          -- paths still to visit, each joined by \x1f
    v_rules jsonb[] := '{}';         -- the rule inherited by each stacked path
    v_path text;
    v_rule jsonb;
    v_node jsonb;
    v_child jsonb;
    v_key text;
    v_names jsonb;
    v_hints text[] := anon.rule_key_hints();
    v_hint int;
    v_kind text;
    v_text text;
    v_index int;
BEGIN
    IF p_doc IS NULL OR pg_catalog.jsonb_typeof(p_doc) NOT IN ('object', 'array') THEN
        RETURN p_doc;
    END IF;
    -- a path without '*' is compared as a string: a regular expression per node and path
    -- cost more than the rest of the walk
    FOR v_index IN 0 .. pg_catalog.jsonb_array_length(v_paths) - 1 LOOP
        v_match := v_match || (v_paths -> v_index ->> 'match');
        v_exact := v_exact || (v_paths -> v_index ->> 'exact');
    END LOOP;
    v_stack := ARRAY[NULL::text];
    v_rules := ARRAY[NULL::jsonb];
    WHILE pg_catalog.cardinality(v_stack) > 0 LOOP
        v_path := v_stack[pg_catalog.cardinality(v_stack)];
        v_rule := v_rules[pg_catalog.cardinality(v_rules)];
        v_stack := v_stack[1:pg_catalog.cardinality(v_stack) - 1];
        v_rules := v_rules[1:pg_catalog.cardinality(v_rules) - 1];
        v_node := CASE WHEN v_path IS NULL THEN v_doc ELSE v_doc #> pg_catalog.string_to_array(v_path, E'\x1f') END;
        FOR v_index IN 1 .. pg_catalog.cardinality(v_match) LOOP
            IF v_exact[v_index] IS NOT NULL AND COALESCE(v_path, '') = v_exact[v_index]
               OR v_exact[v_index] IS NULL AND COALESCE(v_path, '') ~ v_match[v_index] THEN
                v_rule := v_paths -> (v_index - 1);
                EXIT;
            END IF;
        END LOOP;
        CASE pg_catalog.jsonb_typeof(v_node)
        WHEN 'object' THEN
            -- The keys without a query (jsonb_object_keys would be one per object).
            v_names := pg_catalog.jsonb_path_query_array(v_node, '$.keyvalue().key');
            FOR v_index IN 0 .. pg_catalog.jsonb_array_length(v_names) - 1 LOOP
                v_key := v_names ->> v_index;
                v_kind := NULL;
                IF v_rule IS NULL AND v_keys AND v_known ? v_key THEN
                    v_kind := v_known ->> v_key;
                ELSIF v_rule IS NULL AND v_keys AND v_key ~* anon.rule_key_pattern() THEN
                    -- the kind of the first hint (HIGH first) that matches the key
                    FOR v_hint IN 1 .. pg_catalog.array_length(v_hints, 1) LOOP
                        IF v_key ~* v_hints[v_hint][1] THEN
                            v_kind := v_hints[v_hint][2];
                            EXIT;
                        END IF;
                    END LOOP;
                END IF;
                v_stack := v_stack || CASE WHEN v_path IS NULL THEN v_key ELSE v_path || E'\x1f' || v_key END;
                v_rules := v_rules || COALESCE(v_rule, CASE WHEN v_kind IS NOT NULL
                    THEN pg_catalog.jsonb_build_object('strategy', anon.rule_default_strategy(v_kind)) END);
            END LOOP;
        WHEN 'array' THEN
            FOR v_index IN 0 .. pg_catalog.jsonb_array_length(v_node) - 1 LOOP
                v_stack := v_stack || CASE WHEN v_path IS NULL THEN v_index::text ELSE v_path || E'\x1f' || v_index END;
                v_rules := v_rules || v_rule;
            END LOOP;
        WHEN 'string', 'number' THEN
            CONTINUE WHEN v_rule IS NULL OR v_rule ->> 'strategy' = 'keep';
            v_text := anon.mask_value(v_rule ->> 'strategy', v_node #>> '{}', COALESCE(v_rule -> 'params', '{}'), v_rule ->> 'domain');
            v_child := CASE
                WHEN v_text IS NULL THEN 'null'::jsonb
                WHEN pg_catalog.jsonb_typeof(v_node) = 'number' AND v_text ~ '^-?[0-9]+(\.[0-9]+)?$' THEN pg_catalog.to_jsonb(v_text::numeric)
                ELSE pg_catalog.to_jsonb(v_text) END;
            v_doc := pg_catalog.jsonb_set(v_doc, pg_catalog.string_to_array(v_path, E'\x1f'), v_child);
        ELSE
            NULL;
        END CASE;
    END LOOP;
    RETURN v_doc;
END
$$;
COMMENT ON FUNCTION anon.mask_json(jsonb, jsonb) IS
    'pgscrub: JSON document with values at rule paths and under PII-named keys masked, shape and types kept';
