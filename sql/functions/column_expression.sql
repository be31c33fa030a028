-- The SQL expression that masks one column: built from the column's reviewed rules, used
-- by the run (UPDATE ... SET col = <expression>, INSERT ... SELECT, ALTER TABLE ... USING)
-- and shown by `pgscrub run --dry-run`. p_value_sql is how the statement refers to the
-- column's value (e.g. t."email"). The expression holds no subquery, no parameter and no
-- secret: maskers read the secret from the session (anon.keyed_hash), and rule
-- parameters are quoted literals. NULL when there is nothing to do (no reviewed rule, or
-- keep). Raises, naming the rule, when a rule cannot apply: unknown strategy or parameter,
-- dropped column, type mismatch, a constant the column type refuses.
-- The result is cast to the column's type without its length (varchar, not varchar(20)),
-- so a value too long for the column fails loudly instead of being truncated.
CREATE OR REPLACE FUNCTION anon.column_expression(p_schema name, p_table name, p_column name, p_value_sql text)
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_rule anon.rules;
    v_paths jsonb;
    v_type record;
    v_input text;
    v_problem text;
    v_domain text;
    v_keys boolean;
    v_known jsonb;
    v_value text := '(' || p_value_sql || ')';
BEGIN
    SELECT * INTO v_rule FROM anon.rules r
     WHERE r.schema_name = p_schema AND r.table_name = p_table AND r.column_name = p_column
       AND r.json_path = '' AND r.reviewed;
    -- "match": the path as a regular expression over keys joined by \x1f (anon.mask_json).
    SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'path', anon.rule_json_path(r.json_path),
               'match', '^' || (SELECT pg_catalog.string_agg(CASE WHEN s.step = '*' THEN E'[^\x1f]*'
                                       ELSE pg_catalog.regexp_replace(s.step, '([.^$*+?()\[\]{}|\\])', '\\\1', 'g') END,
                                       E'\x1f' ORDER BY s.i)
                                  FROM pg_catalog.unnest(anon.rule_json_path(r.json_path)) WITH ORDINALITY AS s(step, i)) || '$',
               'exact', CASE WHEN '*' <> ALL (anon.rule_json_path(r.json_path))
                             THEN pg_catalog.array_to_string(anon.rule_json_path(r.json_path), E'\x1f') END,
               'strategy', r.strategy, 'params', r.params,
               'domain', COALESCE(r.domain, r.strategy)) ORDER BY r.json_path COLLATE "C")
      INTO v_paths
      FROM anon.rules r
     WHERE r.schema_name = p_schema AND r.table_name = p_table AND r.column_name = p_column
       AND r.json_path <> '' AND r.reviewed;
    IF v_rule.rule_id IS NULL AND v_paths IS NULL OR v_rule.strategy = 'keep' AND v_paths IS NULL THEN
        RETURN NULL;
    END IF;
    IF v_rule.rule_id IS NULL THEN   -- only JSON path rules: name the first in errors
        SELECT * INTO v_rule FROM anon.rules r
         WHERE r.schema_name = p_schema AND r.table_name = p_table AND r.column_name = p_column AND r.reviewed
         ORDER BY r.json_path COLLATE "C" LIMIT 1;
        v_rule.strategy := 'json';
        v_rule.params := '{"keys": false}';
    END IF;

    SELECT * INTO v_type FROM anon.rule_column_type(p_schema, p_table, p_column);
    IF v_type.type_sql IS NULL THEN
        RAISE EXCEPTION '% cannot apply: the column does not exist', anon.rule_label(v_rule)
            USING ERRCODE = 'undefined_column',
                  HINT = 'the column was dropped or renamed: delete or fix the rule (pgscrub rules export/import), or scan again and run pgscrub rules propose; nothing was masked';
    END IF;
    SELECT s.input INTO v_input FROM anon.rule_strategies() s WHERE s.strategy = v_rule.strategy;
    SELECT e.message INTO v_problem FROM anon.rule_param_errors(v_rule.strategy, v_rule.params) e LIMIT 1;
    IF v_problem IS NULL THEN
        SELECT e.message INTO v_problem
          FROM anon.rules r, anon.rule_param_errors(r.strategy, r.params) e
         WHERE r.schema_name = p_schema AND r.table_name = p_table AND r.column_name = p_column
           AND r.json_path <> '' AND r.reviewed
         LIMIT 1;
    END IF;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION '% cannot apply: %', anon.rule_label(v_rule), v_problem
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'fix the rule (pgscrub rules export, edit, pgscrub rules import); docs/strategies.md lists strategies and parameters; nothing was masked';
    END IF;
    IF v_paths IS NOT NULL AND v_rule.strategy NOT IN ('json', 'keep') THEN
        RAISE EXCEPTION '% cannot apply: the column also has json_path rules, which need strategy json or keep here', anon.rule_label(v_rule)
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'use strategy json for the whole column (PII-named keys) and json_path rules for the other paths; nothing was masked';
    END IF;
    v_domain := COALESCE(v_rule.domain, v_rule.strategy);

    -- Strategies that fit any type.
    IF v_rule.strategy = 'null' THEN
        RETURN pg_catalog.format('NULL::%s', v_type.type_sql);
    ELSIF v_rule.strategy = 'constant' THEN
        BEGIN
            EXECUTE pg_catalog.format('SELECT %L::%s', v_rule.params ->> 'value', v_type.type_sql);
        EXCEPTION WHEN OTHERS THEN
            RAISE EXCEPTION '% cannot apply: the constant is not a valid % value', anon.rule_label(v_rule), v_type.type_sql
                USING ERRCODE = 'datatype_mismatch', HINT = 'give params.value a value of the column''s type; nothing was masked';
        END;
        RETURN pg_catalog.format('%L::%s', v_rule.params ->> 'value', v_type.type_sql);
    END IF;

    -- JSON documents.
    IF v_type.base_type IN ('json'::regtype, 'jsonb'::regtype) THEN
        IF v_input <> 'json' AND v_rule.strategy <> 'keep' THEN
            RAISE EXCEPTION '% cannot apply: strategy % does not apply to a column of type %', anon.rule_label(v_rule), v_rule.strategy, v_type.type_sql
                USING ERRCODE = 'datatype_mismatch',
                      HINT = 'use strategy json (values under PII-named keys) and rules with json_path for other values; nothing was masked';
        END IF;
        v_keys := v_rule.strategy = 'json' AND COALESCE((v_rule.params ->> 'keys')::boolean, true);
        v_known := CASE WHEN v_keys THEN anon.json_known_keys(pg_catalog.format('%I.%I', p_schema, p_table)::regclass, p_column) END;
        RETURN pg_catalog.format('anon.mask_json(%s::jsonb, %L::jsonb)::%s', v_value,
            pg_catalog.jsonb_build_object('keys', v_keys, 'paths', COALESCE(v_paths, '[]'),
                                          'within', anon.json_path_prefixes(COALESCE(v_paths, '[]')))
            || CASE WHEN v_keys THEN pg_catalog.jsonb_build_object('known_keys', v_known,
                   'quiet', ARRAY(SELECT k.key FROM pg_catalog.jsonb_each_text(v_known) AS k WHERE k.value IS NULL ORDER BY k.key)::text)
               ELSE '{}' END,
            v_type.type_sql);
    ELSIF v_input = 'json' THEN
        RAISE EXCEPTION '% cannot apply: strategy json needs a json or jsonb column, not %', anon.rule_label(v_rule), v_type.type_sql
            USING ERRCODE = 'datatype_mismatch', HINT = 'use a text strategy such as redact; nothing was masked';
    END IF;

    -- Typed strategies on their own types.
    IF v_input = 'date' AND v_type.base_type IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype) THEN
        RETURN pg_catalog.format('anon.mask_birth_date(%s::date, %L::jsonb, %L)::%s', v_value, v_rule.params, v_domain, v_type.type_sql);
    ELSIF v_input = 'inet' AND v_type.base_type IN ('inet'::regtype, 'cidr'::regtype) THEN
        RETURN pg_catalog.format('anon.mask_ip(%s::inet, %L::jsonb, %L)::%s', v_value, v_rule.params, v_domain, v_type.type_sql);
    END IF;

    -- Everything else is masked as text: strings (category S), and for the digit-replacing
    -- strategies numbers too; arrays element by element.
    IF NOT (v_type.category = 'S'
            OR v_type.category = 'N' AND v_rule.strategy IN ('phone', 'national_id', 'digits', 'bank_account', 'card_number', 'postal_code')
            OR v_type.base_type = 'xml'::regtype AND v_rule.strategy = 'redact') THEN
        RAISE EXCEPTION '% cannot apply: strategy % does not apply to a column of type %', anon.rule_label(v_rule), v_rule.strategy, v_type.type_sql
            USING ERRCODE = 'datatype_mismatch',
                  HINT = 'pick a strategy for this type (docs/strategies.md), or null/constant/keep; nothing was masked';
    END IF;
    IF v_type.element_type IS NOT NULL THEN
        RETURN pg_catalog.format('anon.mask_array(%s::text[], %L, %L::jsonb, %L)::%s',
                                 v_value, v_rule.strategy, v_rule.params, v_domain, v_type.type_sql);
    END IF;
    RETURN pg_catalog.format('anon.mask_value(%L, %s::text, %L::jsonb, %L)::%s',
                             v_rule.strategy, v_value, v_rule.params, v_domain, v_type.type_sql);
END
$$;
COMMENT ON FUNCTION anon.column_expression(name, name, name, text) IS
    'pgscrub: SQL expression computing the masked value of a column from its reviewed rules (NULL: nothing to do)';
