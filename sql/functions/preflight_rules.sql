-- Before any row of a table changes: raise, naming the rule, when one of the table's
-- reviewed rules cannot apply, so that a run never fails at row 1.9M nor silently breaks
-- the application. Checks, in order:
--   1. the rule itself (anon.column_expression): unknown strategy or parameter, dropped
--      column, type mismatch, invalid constant;
--   2. NOT NULL columns with strategy null;
--   3. output too long for varchar(n)/char(n) (from the strategy's length bound; for
--      emails from the longest domain in the data);
--   4. UNIQUE/primary-key columns: the strategy must be injective (identity, a keyed
--      permutation, or a keyed hash long enough for the table's size); for emails, two
--      values that differ only in case would collide, so that is checked in the data;
--   5. columns joined by foreign keys, and rules sharing a consistency domain, must use
--      the same strategy, parameters and domain, or joins and consistency break (a joined
--      column without any rule, and generated columns, are the run's checks);
--   6. a sample of up to 1000 masked rows is inserted into a temporary copy of the table
--      with its CHECK and NOT NULL constraints and domains: any error is reported naming
--      the constraint (never the row's values) before the real table is touched.
-- The run calls it once per table; it reads the table at most twice (email case check,
-- sample), never hashing every row.
CREATE OR REPLACE FUNCTION anon.preflight_rules(p_table regclass)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_schema name;
    v_table name;
    v_rule anon.rules;
    v_strategy record;
    v_type record;
    v_other anon.rules;
    v_link record;
    v_bound bigint;
    v_rows double precision;
    v_bits integer;
    v_count bigint;
    v_columns text;
    v_state text;
    v_constraint text;
    v_message text;
    v_rules text;
BEGIN
    SELECT n.nspname, c.relname, GREATEST(c.reltuples, 0) INTO v_schema, v_table, v_rows
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_table;
    IF v_rows = 0 THEN
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s', p_table) INTO v_rows;
    END IF;

    FOR v_rule IN
        SELECT * FROM anon.rules r
         WHERE r.schema_name = v_schema AND r.table_name = v_table AND r.reviewed AND r.strategy <> 'keep'
         ORDER BY r.column_name, r.json_path COLLATE "C"
    LOOP
        -- 1. The rule itself.
        PERFORM anon.column_expression(v_schema, v_table, v_rule.column_name, 'NULL');
        CONTINUE WHEN v_rule.json_path <> '';
        -- Columns PostgreSQL computes (generated, identity ALWAYS): the run refuses or skips them.
        CONTINUE WHEN EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = p_table AND a.attname = v_rule.column_name
                                 AND (a.attidentity = 'a' OR a.attgenerated <> ''));
        SELECT * INTO v_strategy FROM anon.rule_strategies() s WHERE s.strategy = v_rule.strategy;
        SELECT * INTO v_type FROM anon.rule_column_type(v_schema, v_table, v_rule.column_name);

        -- 2. NOT NULL.
        IF v_rule.strategy = 'null' AND v_type.not_null THEN
            RAISE EXCEPTION '% cannot apply: the column is NOT NULL', anon.rule_label(v_rule)
                USING ERRCODE = 'not_null_violation', HINT = 'use strategy constant (or another strategy) for this column';
        END IF;

        -- 3. Length of varchar(n) / char(n) (typmod n + 4), not for arrays or JSON.
        IF v_type.typmod > 4 AND v_type.category = 'S' AND v_type.element_type IS NULL THEN
            v_bound := CASE
                WHEN v_strategy.length = 'input' THEN 0
                WHEN v_rule.strategy = 'null' THEN 0
                WHEN v_rule.strategy = 'constant' THEN pg_catalog.length(v_rule.params ->> 'value')
                WHEN v_rule.strategy = 'hash' THEN COALESCE((v_rule.params ->> 'length')::integer, 64)
                WHEN v_rule.strategy = 'pseudonym' THEN pg_catalog.length(COALESCE(v_rule.params ->> 'prefix', 'user_'))
                                                         + COALESCE((v_rule.params ->> 'length')::integer, 16)
                WHEN v_strategy.length = 'dictionary' THEN (anon.dict_shape(v_rule.strategy))[1]
            END;
            IF v_rule.strategy = 'email' THEN
                -- 16 hex + '@' + the (mapped) domain. Without domain options only values
                -- longer than n - 16 can grow past n: the filter skips the rest cheaply.
                EXECUTE pg_catalog.format(
                    'SELECT 17 + pg_catalog.max(pg_catalog.length(anon.pseudo_email_domain(pg_catalog.lower(pg_catalog.split_part(pg_catalog.btrim(%1$I::text), ''@'', -1)), %2$L::jsonb))) FROM %3$s WHERE pg_catalog.strpos(%1$I::text, ''@'') > 0 AND pg_catalog.length(%1$I::text) > %4$s',
                    v_rule.column_name, v_rule.params, p_table,
                    CASE WHEN v_rule.params = '{}' THEN v_type.typmod - 4 - 16 ELSE 0 END) INTO v_bound;
            END IF;
            IF v_bound > v_type.typmod - 4 THEN
                RAISE EXCEPTION '% cannot apply: masked values can be % characters long, the column holds %',
                        anon.rule_label(v_rule), v_bound, v_type.typmod - 4
                    USING ERRCODE = 'string_data_right_truncation',
                          HINT = 'widen the column, or pick a strategy or parameters with shorter output (pgscrub never truncates: truncation creates duplicates)';
            END IF;
        END IF;

        -- 4. UNIQUE columns.
        IF anon.rule_is_unique(v_schema, v_table, v_rule.column_name) THEN
            v_bits := CASE v_rule.strategy
                WHEN 'hash' THEN 4 * COALESCE((v_rule.params ->> 'length')::integer, 64)
                WHEN 'pseudonym' THEN 4 * COALESCE((v_rule.params ->> 'length')::integer, 16)
                ELSE v_strategy.bits END;
            IF v_strategy.injective = 'no' AND v_rule.strategy <> 'null'
               OR v_strategy.injective = 'option' AND NOT COALESCE((v_rule.params ->> 'injective')::boolean, false) THEN
                RAISE EXCEPTION '% cannot apply: the column is UNIQUE and strategy % can give two rows the same value',
                        anon.rule_label(v_rule), v_rule.strategy
                    USING ERRCODE = 'unique_violation',
                          HINT = CASE WHEN v_strategy.injective = 'option'
                                      THEN 'set params: {injective: true} (a keyed permutation: distinct in, distinct out)'
                                      ELSE 'use an injective strategy: pseudonym, hash, email, or digits with injective: true' END;
            END IF;
            -- Birthday bound: expected collisions of a keyed b-bit value over n rows ~ n^2 / 2^(b+1).
            IF v_strategy.injective = 'keyed' AND v_rows * v_rows / 2.0 ^ (v_bits + 1) > 1e-6 THEN
                RAISE EXCEPTION '% cannot apply: % bits are too few for a UNIQUE column of % rows (collisions are likely)',
                        anon.rule_label(v_rule), v_bits, v_rows::bigint
                    USING ERRCODE = 'unique_violation', HINT = 'increase params.length';
            END IF;
            IF v_rule.strategy = 'email' THEN
                EXECUTE pg_catalog.format(
                    'SELECT pg_catalog.count(*) FROM (SELECT FROM %s WHERE %I IS NOT NULL GROUP BY pg_catalog.lower(pg_catalog.btrim(%I::text)) HAVING pg_catalog.count(DISTINCT %I) > 1) AS d',
                    p_table, v_rule.column_name, v_rule.column_name, v_rule.column_name) INTO v_count;
                IF v_count > 0 THEN
                    RAISE EXCEPTION '% cannot apply: % addresses of this UNIQUE column differ only in case or spaces; masked, they would collide',
                            anon.rule_label(v_rule), v_count
                        USING ERRCODE = 'unique_violation',
                              HINT = 'emails are masked case-insensitively; deduplicate them, or use strategy pseudonym for this column';
                END IF;
            END IF;
        END IF;

        -- 5. Foreign keys and consistency domains.
        FOR v_link IN SELECT * FROM anon.rule_fk_component(v_schema, v_table, v_rule.column_name) c
                       WHERE (c.schema_name, c.table_name, c.column_name) <> (v_schema, v_table, v_rule.column_name) LOOP
            SELECT * INTO v_other FROM anon.rules r
             WHERE (r.schema_name, r.table_name, r.column_name) = (v_link.schema_name, v_link.table_name, v_link.column_name)
               AND r.json_path = '' AND r.reviewed;
            -- A joined column without a rule is the run's check (anon.plan_run names both).
            IF v_other.rule_id IS NULL THEN
                CONTINUE;
            ELSIF (v_other.strategy, v_other.params, COALESCE(v_other.domain, v_other.strategy))
                  IS DISTINCT FROM (v_rule.strategy, v_rule.params, COALESCE(v_rule.domain, v_rule.strategy)) THEN
                RAISE EXCEPTION '% and % are joined by a foreign key but mask differently; the join would break',
                        anon.rule_label(v_rule), anon.rule_label(v_other)
                    USING ERRCODE = 'foreign_key_violation',
                          HINT = 'give both the same strategy, params and domain';
            END IF;
        END LOOP;
        SELECT * INTO v_other FROM anon.rules r
         WHERE COALESCE(r.domain, r.strategy) = COALESCE(v_rule.domain, v_rule.strategy) AND r.reviewed
           AND r.strategy NOT IN ('keep', 'null', 'constant', 'redact', 'json')
           AND v_rule.strategy NOT IN ('null', 'constant', 'redact', 'json')
           AND (r.strategy, r.params) IS DISTINCT FROM (v_rule.strategy, v_rule.params)
         ORDER BY r.rule_id LIMIT 1;
        IF v_other.rule_id IS NOT NULL THEN
            RAISE EXCEPTION '% and % share the domain "%" but mask differently: the same value would get two fakes',
                    anon.rule_label(v_rule), anon.rule_label(v_other), COALESCE(v_rule.domain, v_rule.strategy)
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'give them the same strategy and params, or different domains';
        END IF;
    END LOOP;

    -- 6. A masked sample through the table's own constraints.
    SELECT pg_catalog.string_agg(COALESCE(anon.column_expression(v_schema, v_table, a.attname, 't.' || pg_catalog.quote_ident(a.attname)),
                                          't.' || pg_catalog.quote_ident(a.attname)), ', ' ORDER BY a.attnum)
      INTO v_columns
      FROM pg_catalog.pg_attribute a
     WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped;
    SELECT pg_catalog.string_agg(r.rule_id::text, ', ' ORDER BY r.rule_id) INTO v_rules
      FROM anon.rules r
     WHERE (r.schema_name, r.table_name) = (v_schema, v_table) AND r.reviewed AND r.strategy <> 'keep';
    IF v_rules IS NULL THEN
        RETURN;
    END IF;
    IF pg_catalog.to_regclass('pg_temp.anon_preflight_sample') IS NOT NULL THEN
        DROP TABLE pg_temp.anon_preflight_sample;
    END IF;
    EXECUTE pg_catalog.format('CREATE TEMP TABLE anon_preflight_sample (LIKE %s INCLUDING CONSTRAINTS)', p_table);
    BEGIN
        EXECUTE pg_catalog.format('INSERT INTO pg_temp.anon_preflight_sample SELECT %s FROM %s AS t LIMIT 1000', v_columns, p_table);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_constraint = CONSTRAINT_NAME, v_message = MESSAGE_TEXT;
        DROP TABLE pg_temp.anon_preflight_sample;
        -- The message can quote a value ("invalid input syntax ...: \"...\""): cut it off.
        v_message := pg_catalog.regexp_replace(v_message, ':\s*".*$', '')
            || CASE WHEN v_constraint <> '' THEN pg_catalog.format(' (constraint %s)', v_constraint) ELSE '' END;
        RAISE EXCEPTION 'masking % failed on a sample of its rows, before any change (rules %): %', p_table, v_rules, v_message
            USING ERRCODE = v_state,
                  HINT = 'the masked values break a constraint or the column type: pick a strategy whose output the column accepts (docs/strategies.md)';
    END;
    DROP TABLE pg_temp.anon_preflight_sample;
END
$$;
COMMENT ON FUNCTION anon.preflight_rules(regclass) IS
    'pgscrub: raise, naming the rule, when a reviewed rule of the table cannot apply';
