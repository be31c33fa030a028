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
--    "known_keys": {"email": "email", "signup": null},   (optional, anon.json_known_keys)
--    "quiet": "{signup}",            (optional: the known keys without a kind, a text[] literal)
--    "within": "^(?:contact)$"}      (optional: every path strictly above a rule's path)
-- PL/pgSQL, iterative (a stack of nodes): a recursive PL/pgSQL function re-plans its
-- expressions at every nested call and costs ~80 us per level. No statement runs a query
-- (a query per object or key cost 15-40 us). Why the walk skips what it skips: a node
-- costs ~1 us, so a scalar with no rule is never stacked, and a container with no rule is
-- entered only when a rule's path goes through it ("within") or, under keys mode, when a
-- key in it is not "quiet" (one jsonpath call lists the keys below it). Without
-- "within"/"quiet" every container is entered, as before they existed.
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
    v_quiet text[] := COALESCE((p_spec ->> 'quiet')::text[], '{}');
    v_within text := p_spec ->> 'within';
    v_has_paths boolean;
    v_match text[] := '{}';          -- each path rule's regular expression
    v_exact text[] := '{}';          -- each path rule's keys joined by \x1f when it has no '*'
    v_paths_at text[] := '{}';       -- the stack: each node's path, keys joined by \x1f (NULL: the root)
    v_sets_at text[] := '{}';        -- ... the same path as a text[] literal, for jsonb_set
    v_nodes jsonb[] := '{}';         -- ... the node itself
    v_rules jsonb[] := '{}';         -- ... and the rule that applies to it
    v_top int;
    v_path text;
    v_set text[];
    v_rule jsonb;
    v_node jsonb;
    v_child jsonb;
    v_child_path text;
    v_child_rule jsonb;
    v_key text;
    v_names jsonb;
    v_hints text[];
    v_child_type text;
    v_hint int;
    v_kind text;
    v_text text;
    v_original text;
    v_index int;
    v_rule_index int;
BEGIN
    IF p_doc IS NULL OR pg_catalog.jsonb_typeof(p_doc) NOT IN ('object', 'array') THEN
        RETURN p_doc;
    END IF;
    v_has_paths := pg_catalog.jsonb_array_length(v_paths) > 0;
    IF NOT v_keys AND NOT v_has_paths THEN
        RETURN p_doc;
    END IF;
    -- a path without '*' is compared as a string: a regular expression per node and path
    -- cost more than the rest of the walk
    FOR v_index IN 0 .. pg_catalog.jsonb_array_length(v_paths) - 1 LOOP
        v_match := v_match || (v_paths -> v_index ->> 'match');
        v_exact := v_exact || (v_paths -> v_index ->> 'exact');
    END LOOP;
    v_top := 1;
    -- the root is NULL, not '': a key "" is a child of the root, not the root again
    v_paths_at[1] := NULL;
    v_sets_at[1] := '{}';
    v_nodes[1] := p_doc;
    v_rules[1] := NULL;
    FOR v_rule_index IN 1 .. pg_catalog.cardinality(v_match) LOOP
        IF v_exact[v_rule_index] = '' OR v_exact[v_rule_index] IS NULL AND '' ~ v_match[v_rule_index] THEN
            v_rules[1] := v_paths -> (v_rule_index - 1);
            EXIT;
        END IF;
    END LOOP;
    WHILE v_top > 0 LOOP
        v_path := v_paths_at[v_top];
        v_set := v_sets_at[v_top]::text[];
        v_node := v_nodes[v_top];
        v_rule := v_rules[v_top];
        v_top := v_top - 1;
        -- only containers are stacked; the keys without a query (jsonb_object_keys would
        -- be one per object)
        v_names := CASE WHEN pg_catalog.jsonb_typeof(v_node) = 'object'
                        THEN pg_catalog.jsonb_path_query_array(v_node, '$.keyvalue().key') END;
        FOR v_index IN 0 .. pg_catalog.jsonb_array_length(COALESCE(v_names, v_node)) - 1 LOOP
            v_key := CASE WHEN v_names IS NULL THEN v_index::text ELSE v_names ->> v_index END;
            v_child := CASE WHEN v_names IS NULL THEN v_node -> v_index ELSE v_node -> v_key END;
            v_child_type := pg_catalog.jsonb_typeof(v_child);
            v_child_path := CASE WHEN v_path IS NULL THEN v_key ELSE v_path || E'\x1f' || v_key END;
            -- the rule: a path rule for this very path, else the key's kind, else the
            -- parent's. A kind met under another kind's key wins ({"phone": {"email": ..}}:
            -- the phone masker would leave the email whole); a path rule's subtree keeps it.
            v_child_rule := v_rule;
            IF (v_child_rule IS NULL OR v_child_rule ? 'from_key') AND v_keys AND v_names IS NOT NULL THEN
                v_kind := NULL;
                IF v_known ? v_key THEN
                    v_kind := v_known ->> v_key;
                ELSIF v_key ~* anon.rule_key_pattern() THEN
                    -- the kind of the first hint (HIGH first) that matches the key
                    v_hints := anon.rule_key_hints();
                    FOR v_hint IN 1 .. pg_catalog.array_length(v_hints, 1) LOOP
                        IF v_key ~* v_hints[v_hint][1] THEN
                            v_kind := v_hints[v_hint][2];
                            EXIT;
                        END IF;
                    END LOOP;
                END IF;
                IF v_kind IS NOT NULL THEN
                    v_child_rule := pg_catalog.jsonb_build_object('strategy', anon.rule_default_strategy(v_kind),
                                                                  'from_key', true);
                END IF;
            END IF;
            FOR v_rule_index IN 1 .. pg_catalog.cardinality(v_match) LOOP
                IF v_exact[v_rule_index] IS NOT NULL AND v_child_path = v_exact[v_rule_index]
                   OR v_exact[v_rule_index] IS NULL AND v_child_path ~ v_match[v_rule_index] THEN
                    v_child_rule := v_paths -> (v_rule_index - 1);
                    EXIT;
                END IF;
            END LOOP;
            IF v_child_type IN ('string', 'number') THEN
                CONTINUE WHEN v_child_rule IS NULL OR v_child_rule ->> 'strategy' = 'keep';
                -- the value in a variable first: the inlined masker refers to it many times
                v_original := v_child #>> '{}';
                v_text := anon.mask_value(v_child_rule ->> 'strategy', v_original,
                                          COALESCE(v_child_rule -> 'params', '{}'), v_child_rule ->> 'domain');
                -- a masker leaves a value not of its shape whole ({"phone": "jane@example.org"});
                -- the free-text masker then replaces whatever PII it finds in it. It only
                -- changes text with a digit, an @ or a capital (names), and costs ~20 us:
                -- {"phones": [{"type": "mobile"}]} is left alone without calling it.
                IF v_text = v_original AND v_original ~ '[0-9@[:upper:]]' AND v_child_rule ->> 'strategy' <> 'redact' THEN
                    v_text := anon.mask_value('redact', v_original, '{"mode": "pseudonym"}');
                END IF;
                -- the path as an array, not split on \x1f: a key may hold that character
                v_doc := pg_catalog.jsonb_set(v_doc, v_set || v_key, CASE
                    WHEN v_text IS NULL THEN 'null'::jsonb
                    WHEN v_child_type = 'number' AND v_text ~ '^-?[0-9]+(\.[0-9]+)?$' THEN pg_catalog.to_jsonb(v_text::numeric)
                    ELSE pg_catalog.to_jsonb(v_text) END);
                CONTINUE;
            END IF;
            CONTINUE WHEN v_child_type NOT IN ('object', 'array');
            CONTINUE WHEN v_child_rule IS NULL
                      AND NOT (v_has_paths AND (v_within IS NULL OR v_child_path ~ v_within))
                      AND NOT (v_keys AND pg_catalog.jsonb_path_query_array(v_child,
                                   'strict $.** ? (@.type() == "object").keyvalue().key') - v_quiet <> '[]');
            v_top := v_top + 1;
            v_paths_at[v_top] := v_child_path;
            v_sets_at[v_top] := (v_set || v_key)::text;
            v_nodes[v_top] := v_child;
            v_rules[v_top] := v_child_rule;
        END LOOP;
    END LOOP;
    RETURN v_doc;
END
$$;
COMMENT ON FUNCTION anon.mask_json(jsonb, jsonb) IS
    'pgscrub: JSON document with values at rule paths and under PII-named keys masked, shape and types kept';
