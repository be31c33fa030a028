-- Keyed fingerprints of a table's original PII, taken by the run just before the table's
-- rows change, so that validation can prove no original survived (docs/validation.md):
--   * whole values of masked columns: a row-bound fingerprint (table.column, row key,
--     value) per row, or for emails a value fingerprint;
--   * identifiers (phones, national IDs, IBANs, ...) also as value fingerprints, which
--     validation looks for in every other column of every schema;
--   * JSON masked at paths: the values at those paths, the same way;
--   * free text, XML, arrays (columns whose PII the scan found inside the text): the same
--     for each PII token anon.pii_tokens finds.
-- p_columns limits the capture to the columns this run is about to change (default: every
-- column with a reviewed masking rule). Called again for the same run and table (a resumed
-- run, rows already masked) it does nothing: the first capture stands.
-- Text forms are pinned (DateStyle, TimeZone, ...) so validation recomputes the same bytes.
CREATE OR REPLACE FUNCTION anon.capture_fingerprints(p_run_id bigint, p_table regclass,
                                                     p_columns name[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
SET "DateStyle" = 'ISO, YMD'
SET "TimeZone" = 'UTC'
SET "IntervalStyle" = 'postgres'
SET extra_float_digits = '1'
SET bytea_output = 'hex'
SET lc_monetary = 'C'
-- JIT compiles the generated statement's expressions for seconds per table and gains nothing
SET jit = off
-- The planner prices the inlined hashing like a cheap operator and would not start workers
-- for it; each row costs microseconds, so parallel workers pay off whenever the table is
-- big enough for a parallel scan (min_parallel_table_scan_size).
SET parallel_setup_cost = 10
SET parallel_tuple_cost = 0.0001
AS $$
DECLARE
    v_schema        name;
    v_table         name;
    v_owner_schema  name;
    v_owner_table   name;
    v_ruled         name[];
    v_key           name[];
    v_key_sql       text;
    v_value_columns name[] := '{}';
    v_token_columns name[] := '{}';
    v_values        text[] := '{}';
    v_value_kinds   text[] := '{}';
    v_selects       text[] := '{}';
    v_col           record;
    v_value         text;
    v_scope         text;
    v_kinds         text[];
    v_names         boolean := false;
    v_count         bigint;
    v_started       timestamptz := pg_catalog.clock_timestamp();
BEGIN
    PERFORM anon.require_secret();
    SELECT n.nspname, c.relname, rn.nspname, r.relname
      INTO v_schema, v_table, v_owner_schema, v_owner_table
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_class r ON r.oid = CASE WHEN c.relispartition
                                                 THEN pg_catalog.pg_partition_root(c.oid) ELSE c.oid END
      JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
     WHERE c.oid = p_table;
    IF EXISTS (SELECT FROM anon.fingerprint_captures f
                WHERE f.run_id = p_run_id AND f.schema_name = v_schema AND f.table_name = v_table) THEN
        RETURN 0;
    END IF;

    SELECT pg_catalog.array_agg(DISTINCT r.column_name) INTO v_ruled
      FROM anon.fingerprint_rules(p_table) r
     WHERE p_columns IS NULL OR r.column_name = ANY (p_columns);
    IF v_ruled IS NULL THEN
        RETURN 0;
    END IF;

    -- Row key: the primary key, else a unique index over NOT NULL columns, as long as no
    -- masked column is part of it (its value changes); else every column left unmasked.
    SELECT k.cols INTO v_key
      FROM (SELECT i.indisprimary,
                   pg_catalog.array_agg(a.attname ORDER BY u.ord) AS cols,
                   pg_catalog.bool_and(a.attnotnull) AS not_null
              FROM pg_catalog.pg_index i
              CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS u(attnum, ord)
              JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum
             WHERE i.indrelid = p_table AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
             GROUP BY i.indexrelid, i.indisprimary) AS k
     WHERE (k.indisprimary OR k.not_null) AND NOT (k.cols && v_ruled)
     ORDER BY k.indisprimary DESC, pg_catalog.cardinality(k.cols)
     LIMIT 1;
    IF v_key IS NULL THEN
        SELECT COALESCE(pg_catalog.array_agg(a.attname ORDER BY a.attnum), '{}') INTO v_key
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname <> ALL (v_ruled);
    END IF;
    v_key_sql := anon.fingerprint_key_sql(v_key);

    -- Each masked column: whole values, or the PII tokens inside (JSON paths, JSON/XML/array
    -- types, free text where the scan found PII inside the text or a redact rule, which
    -- leaves text without PII as it was); and the PII kinds its findings and rules name
    -- (identifiers, person names).
    FOR v_col IN
        SELECT r.column_name, r.attnum,
               anon.validate_type_class(r.atttypid) AS type_class,
               pg_catalog.array_agg(r.json_path ORDER BY r.json_path) FILTER (WHERE r.json_path <> '') AS json_paths,
               pg_catalog.bool_or(r.json_path <> '')
               OR anon.validate_type_class(r.atttypid) = 'document'
               OR pg_catalog.bool_or(r.strategy = 'redact')
               OR (EXISTS (SELECT FROM anon.findings f
                            WHERE (f.schema_name, f.table_name, f.column_name) = (r.rule_schema, r.rule_table, r.column_name)
                              AND f.found_in IN ('text', 'json', 'array', 'xml'))
                   AND NOT EXISTS (SELECT FROM anon.findings f
                                    WHERE (f.schema_name, f.table_name, f.column_name) = (r.rule_schema, r.rule_table, r.column_name)
                                      AND f.found_in = 'value')) AS tokens,
               ARRAY(SELECT DISTINCT k.kind
                       FROM (SELECT f.detector FROM anon.findings f
                              WHERE (f.schema_name, f.table_name, f.column_name) = (r.rule_schema, r.rule_table, r.column_name)
                                AND f.found_in <> 'name'
                             UNION ALL
                             SELECT pg_catalog.unnest(ARRAY[pg_catalog.max(r.strategy), pg_catalog.max(r.domain)])) AS k(kind)
                      WHERE k.kind = ANY (anon.fingerprint_kinds() || '{person_name}'::pg_catalog.text[])
                      ORDER BY k.kind) AS kinds
          FROM anon.fingerprint_rules(p_table) r
         WHERE p_columns IS NULL OR r.column_name = ANY (p_columns)
         GROUP BY r.column_name, r.attnum, r.atttypid, r.rule_schema, r.rule_table
         ORDER BY r.attnum
    LOOP
        v_value := pg_catalog.format('t.%I::pg_catalog.text', v_col.column_name);
        v_scope := pg_catalog.format('%I.%I.%I', v_owner_schema, v_owner_table, v_col.column_name);
        v_kinds := ARRAY(SELECT k FROM pg_catalog.unnest(v_col.kinds) AS k
                          WHERE k = ANY (anon.fingerprint_kinds()) AND k <> 'email');
        IF v_col.type_class = 'json' AND v_col.json_paths IS NOT NULL THEN
            -- JSON masked at paths: the values there, like whole values.
            v_token_columns := v_token_columns || v_col.column_name;
            v_selects := v_selects || ARRAY(
                SELECT pg_catalog.format(
                    'SELECT pg_catalog.unnest(ARRAY[CASE WHEN pg_catalog.strpos(l.leaf, ''@'') > 0 THEN ''email'' ELSE ''row'' END, %5$L]), '
                    'pg_catalog.unnest(ARRAY[CASE WHEN pg_catalog.strpos(l.leaf, ''@'') > 0 THEN anon.fingerprint_value_message(l.leaf) '
                    'ELSE anon.fingerprint_row_message(%2$L, %3$s, l.leaf) END, '
                    'CASE WHEN %5$L IS NOT NULL AND anon.fingerprint_shape(l.leaf) = ''identifier'' '
                    'THEN anon.fingerprint_value_message(l.leaf) END]) '
                    'FROM %6$s AS t CROSS JOIN LATERAL pg_catalog.jsonb_path_query(t.%1$I::pg_catalog.jsonb, %4$L::pg_catalog.jsonpath) AS j '
                    'CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[j OPERATOR(pg_catalog.#>>) ''{}'']) AS l(leaf) '
                    'WHERE pg_catalog.jsonb_typeof(j) IN (''string'', ''number'')',
                    v_col.column_name, v_scope, v_key_sql, path, v_kinds[1], p_table)
                  FROM pg_catalog.unnest(v_col.json_paths) AS path);
        ELSIF v_col.tokens AND v_col.type_class <> 'json' THEN
            -- Only the kinds the column's findings or rules name are the masking's business
            -- (default: identifiers and names); names only when both words are known names,
            -- so that "Customer Support" left in place is not taken for a person.
            v_kinds := CASE WHEN pg_catalog.cardinality(v_col.kinds) > 0 THEN v_col.kinds
                            ELSE anon.fingerprint_kinds() || '{person_name}'::pg_catalog.text[] END;
            v_names := v_names OR 'person_name' = ANY (v_kinds);
            v_token_columns := v_token_columns || v_col.column_name;
            v_selects := v_selects || pg_catalog.format(
                'SELECT pg_catalog.unnest(ARRAY[CASE WHEN k.kind <> ''person_name'' THEN k.kind END, '
                'CASE WHEN k.kind <> ''email'' THEN ''row'' END]), '
                'pg_catalog.unnest(ARRAY[anon.fingerprint_value_message(k.token), anon.fingerprint_row_message(%2$L, %3$s, k.token)]) '
                'FROM %6$s AS t CROSS JOIN LATERAL anon.pii_tokens(%1$s) AS k '
                'WHERE k.kind = ANY (%4$L::pg_catalog.text[])%5$s',
                v_value, v_scope, v_key_sql, v_kinds,
                CASE WHEN 'person_name' = ANY (v_kinds)
                     THEN ' AND (k.kind <> ''person_name'' OR (pg_catalog.split_part(k.token, '' '', 1) IN (TABLE names)'
                          ' AND pg_catalog.split_part(k.token, '' '', 2) IN (TABLE names)))' ELSE '' END,
                p_table);
        ELSE
            v_value_columns := v_value_columns || v_col.column_name;
            v_value_kinds := v_value_kinds || pg_catalog.format(
                'CASE WHEN pg_catalog.strpos(%1$s, ''@'') > 0 THEN ''email'' ELSE ''row'' END', v_value);
            v_values := v_values || pg_catalog.format(
                'CASE WHEN pg_catalog.strpos(%1$s, ''@'') > 0 THEN anon.fingerprint_value_message(%1$s) '
                'ELSE anon.fingerprint_row_message(%2$L, %3$s, %1$s) END',
                v_value, v_scope, v_key_sql);
            IF pg_catalog.cardinality(v_kinds) > 0 THEN
                v_value_kinds := v_value_kinds || pg_catalog.quote_literal(v_kinds[1]);
                v_values := v_values || pg_catalog.format(
                    'CASE WHEN anon.fingerprint_shape(%1$s) = ''identifier'' THEN anon.fingerprint_value_message(%1$s) END',
                    v_value);
            END IF;
        END IF;
    END LOOP;
    -- Whole values: one scan, the candidates of every column in two arrays unnested side by
    -- side (a ProjectSet; a per-row VALUES list would compile its expressions again for
    -- every row, 5x slower). Tokens and JSON leaves likewise, one scan per column.
    IF pg_catalog.cardinality(v_values) > 0 THEN
        v_selects := pg_catalog.format('SELECT pg_catalog.unnest(ARRAY[%s]::pg_catalog.text[]), pg_catalog.unnest(ARRAY[%s]) FROM %s AS t',
                                       pg_catalog.array_to_string(v_value_kinds, ', '),
                                       pg_catalog.array_to_string(v_values, ', '), p_table)
                     || v_selects;
    END IF;

    -- Computed by a parallel query into a temporary table, then copied: INSERT ... SELECT
    -- never runs in parallel, CREATE TABLE AS does (the hashing is 80% of the capture).
    -- The branches build messages, hashed once above them: the key's InitPlan in every
    -- branch would keep the branches out of the parallel plan.
    EXECUTE pg_catalog.format(
        'CREATE TEMPORARY TABLE anon_capture ON COMMIT DROP AS %s '
        'SELECT x.kind, anon.fingerprint((SELECT anon.fingerprint_key()), x.msg) AS fp FROM (%s) AS x(kind, msg) '
        'WHERE x.kind IS NOT NULL AND x.msg IS NOT NULL',
        CASE WHEN v_names THEN 'WITH names AS (SELECT anon.fold(d.value) FROM anon.dictionary d '
                               'WHERE d.kind IN (''first_name'', ''last_name''))' ELSE '' END,
        pg_catalog.array_to_string(v_selects, ' UNION ALL '));
    INSERT INTO anon.fingerprints (run_id, kind, fingerprint)
    SELECT p_run_id, c.kind, c.fp FROM pg_temp.anon_capture AS c;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    DROP TABLE pg_temp.anon_capture;

    INSERT INTO anon.fingerprint_captures
           (run_id, schema_name, table_name, key_columns, value_columns, token_columns, fingerprints, seconds)
    VALUES (p_run_id, v_schema, v_table, v_key, v_value_columns, v_token_columns, v_count,
            pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started), 3));
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.capture_fingerprints(bigint, regclass, name[]) IS
    'pgscrub: record keyed fingerprints of the table''s original PII before masking; returns how many';
