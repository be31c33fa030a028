-- Step 4: prove that no real PII is left. Checks every column of every table and
-- materialized view in every schema (anon.validate_plan says how), writes one row per
-- column into anon.validation, sets the run's status to clean or missed, and returns
-- the rows, MISSED first. A column is MISSED when:
--   * values or PII tokens in it match keyed fingerprints of the originals
--     (anon.capture_fingerprints; docs/validation.md explains why row-bound and value
--     fingerprints, and why looks alone never count);
--   * it is new or retyped since the last scan (watcher) and not classified yet;
--   * it was never classified and its values look like PII (anon.value_kinds);
--   * the scan found HIGH-sensitivity PII in it and no reviewed rule covers it;
--   * it has a reviewed masking rule but no run ever masked it;
--   * it cannot be read by the validating role, or is a foreign table;
--   * its table was reloaded since a run masked it (anon.run_masked_data_present).
-- Large objects, if any, are one MISSED line (pg_catalog.pg_largeobject.data).
-- Validating under another secret than the run's is refused (anon.require_run_secret).
-- One parallel statement reads every table once for all its whole values (and once per
-- text or JSON column), builds the fingerprint messages of the values that could match
-- (cheap shape tests first), hashes them once above the branches and semi-joins them with
-- the fingerprint set (parallel hash semi join; docs/validation.md says what keeps the plan
-- parallel). A clean result drops the fingerprints; a MISSED one raises an alert
-- (anon.gate_alert: NOTIFY anon_alerts).
CREATE OR REPLACE FUNCTION anon.validate(p_run_id bigint DEFAULT NULL)
RETURNS SETOF anon.validation
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
SET "DateStyle" = 'ISO, YMD'
SET "TimeZone" = 'UTC'
SET "IntervalStyle" = 'postgres'
SET extra_float_digits = '1'
SET bytea_output = 'hex'
SET lc_monetary = 'C'
SET work_mem = '64MB'
-- JIT compiles the generated statement's expressions for seconds per table and gains nothing
SET jit = off
-- a cache in front of the tokenizer only pays for repeated texts: validation's are mostly distinct
SET enable_memoize = off
-- the planner's guess of the candidates is ~200 times too high (a tokenizer call counts as 10
-- rows per regexp_matches), so it would rather sort the fingerprints in every process to
-- de-duplicate them than share one parallel hash of them
SET enable_sort = off
SET row_security = off
AS $$
DECLARE
    v_run        anon.runs;
    v_started    timestamptz := pg_catalog.clock_timestamp();
    -- the token detector comes with the scan work; without it, tokens are not checked
    v_tokens     boolean := pg_catalog.to_regprocedure('anon.pii_tokens(text)') IS NOT NULL;
    v_rel        record;
    v_col        record;
    v_relids     oid[] := '{}';
    v_branches   text[] := '{}';
    v_counts     text[] := '{}';
    v_relno      integer;
    v_table      text;
    v_colnos     integer[];
    v_values     text[];
    v_value      text;
    v_json       text;
    v_kinds      text[];
    v_missed     bigint;
    v_match_rel  integer[];
    v_match_col  integer[];
    v_match_n    bigint[];
    v_done       anon.run_tables;
BEGIN
    PERFORM anon.require_secret();
    SELECT * INTO v_run FROM anon.runs r
     WHERE r.run_id = p_run_id OR p_run_id IS NULL
     ORDER BY r.run_id DESC LIMIT 1;
    IF v_run.run_id IS NULL THEN
        RAISE EXCEPTION '%', CASE WHEN p_run_id IS NULL THEN 'no masking run to validate'
                                  ELSE pg_catalog.format('there is no masking run %s', p_run_id) END
            USING ERRCODE = 'no_data_found',
                  HINT = 'mask first: CALL anon.run_all() or pgscrub run; runs are listed in anon.runs';
    END IF;
    PERFORM anon.require_run_secret(v_run.run_id);
    IF NOT pg_catalog.pg_try_advisory_xact_lock(1885827939, 2) THEN
        RAISE EXCEPTION 'a masking run is in progress; validating now would prove nothing'
            USING ERRCODE = 'object_in_use',
                  HINT = 'wait for it to finish (SELECT * FROM anon.progress), then validate';
    END IF;

    DELETE FROM anon.validation v WHERE v.run_id = v_run.run_id;
    INSERT INTO anon.validation (run_id, schema_name, table_name, column_name, status, reason)
    SELECT v_run.run_id, p.schema_name, p.table_name, p.column_name, 'Clean',
           CASE p."check"
               WHEN 'row_value'   THEN 'each row compared with its own original'
               WHEN 'row_tokens'  THEN 'PII in the text compared with each row''s originals'
               WHEN 'row_json'    THEN 'values at the masked JSON paths compared with each row''s originals'
               WHEN 'values'      THEN 'values and PII in the text compared with all original identifiers'
               WHEN 'json'        THEN 'JSON values compared with all original identifiers'
               WHEN 'tokens'      THEN 'PII in the document compared with all original identifiers'
               WHEN 'skipped'     THEN pg_catalog.format('skipped: %s cannot hold the identifiers checked', p.column_type)
               WHEN 'unpopulated' THEN 'materialized view not populated: holds no rows'
               ELSE p.unreadable
           END
           || CASE WHEN NOT v_tokens AND p."check" IN ('row_tokens', 'values', 'json', 'tokens')
                   THEN ' (PII tokens not checked: anon.pii_tokens is not installed)' ELSE '' END
      FROM anon.validate_plan() p;

    -- Per relation: one scan computes the whole-value candidates of all its columns (a
    -- ProjectSet over arrays: a per-row VALUES list would compile its expressions again for
    -- every row, 5x slower); the PII tokens of free text and the leaves of JSON come from
    -- one scan per column whose WHERE clause (a cheap shape test) keeps the other rows away
    -- from the tokenizer.
    FOR v_rel IN
        SELECT p.relid, pg_catalog.array_agg(p ORDER BY p.attnum) AS cols
          FROM anon.validate_plan() p
         WHERE p."check" IN ('row_value', 'row_tokens', 'row_json', 'values', 'json', 'tokens')
         GROUP BY p.relid
         ORDER BY p.relid
    LOOP
        v_relids := v_relids || v_rel.relid;
        v_relno := pg_catalog.cardinality(v_relids);
        v_table := v_rel.relid::pg_catalog.regclass::pg_catalog.text;
        v_colnos := '{}'; v_values := '{}';
        FOREACH v_col IN ARRAY v_rel.cols LOOP
            v_value := CASE WHEN v_col.type_class = 'text' THEN pg_catalog.format('t.%I', v_col.column_name)
                            ELSE pg_catalog.format('t.%I::pg_catalog.text', v_col.column_name) END;
            v_json := pg_catalog.format('t.%I::pg_catalog.jsonb', v_col.column_name);
            IF v_col."check" = 'row_value' THEN
                v_colnos := v_colnos || v_col.attnum::integer;
                v_values := v_values || pg_catalog.format(
                    'CASE WHEN pg_catalog.strpos(%1$s, ''@'') > 0 THEN anon.fingerprint_value_message(%1$s) '
                    'ELSE anon.fingerprint_row_message(%2$L, %3$s, %1$s) END',
                    v_value, v_col.scope, v_col.key_sql);
            ELSIF v_col."check" = 'row_tokens' AND v_tokens THEN
                -- emails with every original email; the other tokens with the row's own
                -- originals (a fake phone in the text may equal somebody's real one)
                v_branches := v_branches || pg_catalog.format(
                    'SELECT %1$s, %2$s, CASE WHEN k.kind = ''email'' THEN anon.fingerprint_value_message(k.token) '
                    'ELSE anon.fingerprint_row_message(%5$L, %6$s, k.token) END '
                    'FROM ONLY %3$s AS t CROSS JOIN LATERAL anon.pii_tokens(%4$s) AS k',
                    v_relno, v_col.attnum, v_table, v_value, v_col.scope, v_col.key_sql);
            END IF;
            IF v_col."check" IN ('json', 'row_json') THEN
                -- keys holding an '@' ({"jane@x.org": {...}}), in masked documents too
                v_branches := v_branches || pg_catalog.format(
                    'SELECT %1$s, %2$s, anon.fingerprint_value_message(k OPERATOR(pg_catalog.#>>) ''{}'') '
                    'FROM ONLY %3$s AS t CROSS JOIN LATERAL pg_catalog.jsonb_path_query(%4$s, ''strict $.** ? (@.type() == "object").keyvalue().key'') AS k '
                    'WHERE pg_catalog.strpos(k OPERATOR(pg_catalog.#>>) ''{}'', ''@'') > 0 '
                    'AND t.%5$I::pg_catalog.text OPERATOR(pg_catalog.~) ''@[^"]*"\s*:''',
                    v_relno, v_col.attnum, v_table, v_json, v_col.column_name);
            END IF;
            IF v_col."check" = 'json' THEN
                -- each scalar leaf like a string value, and the PII tokens of text leaves, in
                -- one walk (a UNION ALL inside the LATERAL would rule out a parallel plan, so
                -- the tokens come from a LEFT JOIN and both go through one array); documents
                -- without '@' or a run of digits anywhere in their text cannot hold a leaf
                -- that could match
                v_branches := v_branches || pg_catalog.format(
                    'SELECT %1$s, %2$s, pg_catalog.unnest(ARRAY[CASE WHEN h.shape IN (''email'', ''identifier'') '
                    'THEN anon.fingerprint_value_message(s.leaf) END, anon.fingerprint_value_message(k.token)]) FROM ONLY %3$s AS t '
                    'CROSS JOIN LATERAL pg_catalog.jsonb_path_query(%4$s, ''strict $.** ? (@.type() == "string" || @.type() == "number")'') AS j '
                    'CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[j OPERATOR(pg_catalog.#>>) ''{}'']) AS s(leaf) '
                    'CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[anon.fingerprint_shape(s.leaf)]) AS h(shape) '
                    '%6$s '
                    'WHERE h.shape IS NOT NULL '
                    'AND t.%5$I::pg_catalog.text OPERATOR(pg_catalog.~) ''@|[0-9]([^0-9]{0,6}[0-9]){5}''',
                    v_relno, v_col.attnum, v_table, v_json, v_col.column_name,
                    CASE WHEN v_tokens THEN 'LEFT JOIN LATERAL anon.pii_tokens(CASE WHEN h.shape = ''text'' THEN s.leaf END) AS k '
                                            'ON k.kind = ANY (anon.fingerprint_kinds())'
                         ELSE 'CROSS JOIN LATERAL (SELECT NULL::pg_catalog.text AS token) AS k' END);
            END IF;
            IF v_col."check" = 'row_json' THEN
                -- emails anywhere in the document, whole or inside a text leaf, with every
                -- original email (only emails: the masker writes fake phones and names, which
                -- may equal somebody's real ones), in one walk as for 'json'; the values at
                -- the masked paths, row-bound
                v_branches := v_branches || pg_catalog.format(
                    'SELECT %1$s, %2$s, pg_catalog.unnest(ARRAY[CASE WHEN h.shape = ''email'' '
                    'THEN anon.fingerprint_value_message(s.leaf) END, anon.fingerprint_value_message(k.token)]) FROM ONLY %3$s AS t '
                    'CROSS JOIN LATERAL pg_catalog.jsonb_path_query(%4$s, ''strict $.** ? (@ like_regex "@")'') AS j '
                    'CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[j OPERATOR(pg_catalog.#>>) ''{}'']) AS s(leaf) '
                    'CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[anon.fingerprint_shape(s.leaf)]) AS h(shape) '
                    '%5$s',
                    v_relno, v_col.attnum, v_table, v_json,
                    CASE WHEN v_tokens THEN 'LEFT JOIN LATERAL anon.pii_tokens(CASE WHEN h.shape = ''text'' THEN s.leaf END) AS k '
                                            'ON k.kind = ''email'''
                         ELSE 'CROSS JOIN LATERAL (SELECT NULL::pg_catalog.text AS token) AS k' END);
                v_branches := v_branches
                    || ARRAY(SELECT pg_catalog.format(
                        'SELECT %1$s, %2$s, anon.fingerprint_row_message(%5$L, %6$s, j OPERATOR(pg_catalog.#>>) ''{}'') '
                        'FROM ONLY %3$s AS t CROSS JOIN LATERAL pg_catalog.jsonb_path_query(%4$s, %7$L::pg_catalog.jsonpath) AS j '
                        'WHERE pg_catalog.jsonb_typeof(j) IN (''string'', ''number'') '
                        'AND pg_catalog.strpos(j OPERATOR(pg_catalog.#>>) ''{}'', ''@'') = 0',
                        v_relno, v_col.attnum, v_table, v_json, v_col.scope, v_col.key_sql, path)
                        FROM pg_catalog.unnest(v_col.json_paths) AS path);
            ELSIF v_col."check" IN ('values', 'tokens') THEN
                IF v_col."check" = 'values' THEN
                    v_colnos := v_colnos || v_col.attnum::integer;
                    v_values := v_values || pg_catalog.format(
                        'CASE WHEN anon.fingerprint_shape(%1$s) IN (''email'', ''identifier'') '
                        'THEN anon.fingerprint_value_message(%1$s) END', v_value);
                END IF;
                IF v_tokens THEN
                    v_branches := v_branches || pg_catalog.format(
                        'SELECT %1$s, %2$s, anon.fingerprint_value_message(k.token) '
                        'FROM ONLY %3$s AS t CROSS JOIN LATERAL anon.pii_tokens(%4$s) AS k '
                        'WHERE anon.fingerprint_shape(%4$s) %5$s AND k.kind = ANY (anon.fingerprint_kinds())',
                        v_relno, v_col.attnum, v_table, v_value,
                        CASE WHEN v_col."check" = 'values' THEN '= ''text''' ELSE 'IS NOT NULL' END);
                END IF;
            END IF;
        END LOOP;
        v_counts := v_counts || pg_catalog.format(
            'SELECT %s, pg_catalog.count(*) FROM ONLY %s', v_relno, v_table);
        IF pg_catalog.cardinality(v_values) > 0 THEN
            v_branches := v_branches || pg_catalog.format(
                'SELECT %1$s, x.colno, x.msg FROM (SELECT pg_catalog.unnest(%2$L::pg_catalog.int4[]) AS colno, '
                'pg_catalog.unnest(ARRAY[%3$s]) AS msg FROM ONLY %4$s AS t) AS x WHERE x.msg IS NOT NULL',
                v_relno, v_colnos, pg_catalog.array_to_string(v_values, ', '), v_table);
        END IF;
    END LOOP;

    IF pg_catalog.cardinality(v_counts) > 0 THEN
        EXECUTE pg_catalog.format(
            'WITH counted(relno, n) AS (%s) '
            'UPDATE anon.validation v SET rows_checked = c.n '
            '  FROM counted c, anon.validate_plan() p '
            ' WHERE p.relid = ($2::pg_catalog.oid[])[c.relno] '
            '   AND p."check" IN (''row_value'', ''row_tokens'', ''row_json'', ''values'', ''json'', ''tokens'') '
            '   AND (v.run_id, v.schema_name, v.table_name, v.column_name) = ($1, p.schema_name, p.table_name, p.column_name)',
            pg_catalog.array_to_string(v_counts, ' UNION ALL '))
        USING v_run.run_id, v_relids;
    END IF;

    -- The matches: one semi-join of every candidate with the fingerprint set, collected with
    -- EXECUTE ... INTO (a FOR loop over a query would rule out a parallel plan).
    IF pg_catalog.cardinality(v_branches) > 0 AND EXISTS (SELECT FROM anon.fingerprints) THEN
        -- without statistics each parallel worker builds its own copy of the fingerprint hash
        -- (the planner cannot tell it is unique); the table only grew since the last ANALYZE
        ANALYZE anon.fingerprints;
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(m.relno), pg_catalog.array_agg(m.colno), pg_catalog.array_agg(m.n) '
            '  FROM (SELECT b.relno, b.colno, pg_catalog.count(*) AS n FROM (%s) AS b(relno, colno, msg) '
            '         WHERE anon.fingerprint((SELECT anon.fingerprint_key()), b.msg) IN (SELECT f.fingerprint FROM anon.fingerprints f) '
            '         GROUP BY b.relno, b.colno) AS m',
            pg_catalog.array_to_string(v_branches, ' UNION ALL '))
        INTO v_match_rel, v_match_col, v_match_n;
        UPDATE anon.validation v
           SET real_pii_remaining = m.n, status = 'MISSED',
               reason = pg_catalog.format('%s original value(s) found (%s)', m.n, v.reason)
          FROM ROWS FROM (pg_catalog.unnest(v_match_rel), pg_catalog.unnest(v_match_col),
                          pg_catalog.unnest(v_match_n)) AS m(relno, colno, n),
               pg_catalog.pg_attribute a, pg_catalog.pg_class c, pg_catalog.pg_namespace n
         WHERE a.attrelid = v_relids[m.relno] AND a.attnum = m.colno
           AND c.oid = a.attrelid AND n.oid = c.relnamespace
           AND (v.run_id, v.schema_name, v.table_name, v.column_name) = (v_run.run_id, n.nspname, c.relname, a.attname);
    END IF;

    -- Never classified: MISSED when a sample of its values looks like PII.
    FOR v_col IN
        SELECT p.* FROM anon.validate_plan() p
         WHERE NOT p.classified AND NOT p.reviewed_rule AND NOT p.pending
           AND p."check" IN ('values', 'tokens')
    LOOP
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.array_agg(DISTINCT k.kind ORDER BY k.kind) '
            '  FROM (SELECT t.%1$I::pg_catalog.text AS v FROM ONLY %2$s AS t WHERE t.%1$I IS NOT NULL LIMIT 1000) AS s '
            '  CROSS JOIN LATERAL (SELECT pg_catalog.unnest(anon.value_kinds(s.v))%3$s) AS k(kind)',
            v_col.column_name, v_col.relid::pg_catalog.regclass,
            CASE WHEN v_tokens THEN ' UNION SELECT x.kind FROM anon.pii_tokens(s.v) AS x' ELSE '' END)
        INTO v_kinds;
        IF v_kinds IS NOT NULL THEN
            UPDATE anon.validation v
               SET status = 'MISSED',
                   reason = pg_catalog.format('never classified, and its values look like PII (%s): run pgscrub scan',
                                              pg_catalog.array_to_string(v_kinds, ', '))
             WHERE (v.run_id, v.schema_name, v.table_name, v.column_name)
                 = (v_run.run_id, v_col.schema_name, v_col.table_name, v_col.column_name);
        END IF;
    END LOOP;

    -- What the catalog alone shows.
    UPDATE anon.validation v
       SET status = 'MISSED',
           reason = CASE
               WHEN p."check" = 'unreadable' THEN 'cannot be validated: ' || p.unreadable
               WHEN p.pending THEN 'new or retyped since the last scan, not classified: run pgscrub scan'
               WHEN p.masking_rule AND NOT p.captured
                   THEN 'has a reviewed masking rule, but no run has masked it: run pgscrub run'
               ELSE 'the scan found HIGH-sensitivity PII here and no reviewed rule covers it: '
                    'review the proposed rules (pgscrub rules propose, then import/approve)'
           END
      FROM anon.validate_plan() p
     WHERE (v.run_id, v.schema_name, v.table_name, v.column_name)
         = (v_run.run_id, p.schema_name, p.table_name, p.column_name)
       AND v.status = 'Clean'
       AND (p."check" = 'unreadable'
            OR p.pending
            OR (p.masking_rule AND NOT p.captured AND v.rows_checked > 0)
            OR (p.classified AND p.sensitivity = 'HIGH' AND NOT p.reviewed_rule));

    -- Large objects live outside every table (pg_largeobject) and hold any bytes:
    -- validation does not read them, so their presence alone is MISSED.
    INSERT INTO anon.validation (run_id, schema_name, table_name, column_name, status, reason)
    SELECT v_run.run_id, 'pg_catalog', 'pg_largeobject', 'data', 'MISSED',
           pg_catalog.format('%s large object(s): validation does not read large objects, which may hold '
                             'any document; remove them in staging (SELECT lo_unlink(oid) FROM pg_largeobject_metadata)',
                             pg_catalog.count(*))
      FROM pg_catalog.pg_largeobject_metadata
    HAVING pg_catalog.count(*) > 0;

    -- Reloaded since masked: none of the masked rows the last run to mask the columns
    -- sampled is left, so the values are originals again, and the fingerprints that would
    -- show it may be gone (dropped by an earlier clean validation).
    FOR v_done IN
        SELECT d.* FROM anon.run_tables d
         WHERE d.status = 'done' AND d.masked_sample IS NOT NULL
           AND NOT EXISTS (SELECT FROM anon.run_tables later
                            WHERE later.relid = d.relid AND later.status = 'done'
                              AND later.run_id > d.run_id AND later.attnums @> d.attnums)
    LOOP
        CONTINUE WHEN anon.run_masked_data_present(v_done.relid, v_done.masked_sample);
        UPDATE anon.validation v
           SET status = 'MISSED',
               reason = pg_catalog.format('reloaded since run %s masked it: none of the masked values it sampled is left, '
                                          'the values are unmasked again: run pgscrub run', v_done.run_id)
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE a.attrelid = v_done.relid AND a.attnum = ANY (v_done.attnums) AND NOT a.attisdropped
           AND (v.run_id, v.schema_name, v.table_name, v.column_name)
             = (v_run.run_id, n.nspname, c.relname, a.attname);
    END LOOP;

    SELECT pg_catalog.count(*) INTO v_missed FROM anon.validation v
     WHERE v.run_id = v_run.run_id AND v.status = 'MISSED';
    IF v_run.status IN ('masked', 'clean', 'missed') THEN
        UPDATE anon.runs r
           SET status = CASE WHEN v_missed > 0 THEN 'missed' ELSE 'clean' END,
               steps = r.steps || pg_catalog.jsonb_build_object('validate',
                   pg_catalog.round(EXTRACT(epoch FROM pg_catalog.clock_timestamp() - v_started), 3))
         WHERE r.run_id = v_run.run_id;
        IF v_missed = 0 THEN
            -- Proven clean: the fingerprints have served their purpose.
            TRUNCATE anon.fingerprints;
            UPDATE anon.fingerprint_captures c SET dropped_at = pg_catalog.clock_timestamp()
             WHERE c.dropped_at IS NULL;
        END IF;
    END IF;
    IF v_missed > 0 THEN
        PERFORM anon.gate_alert('validation_missed', v_run.run_id,
            pg_catalog.jsonb_build_object(
                'missed_columns', v_missed,
                'real_pii_remaining', (SELECT pg_catalog.sum(v.real_pii_remaining) FROM anon.validation v
                                        WHERE v.run_id = v_run.run_id),
                'columns', (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                       'table', pg_catalog.format('%I.%I', v.schema_name, v.table_name),
                                       'column', v.column_name,
                                       'real_pii_remaining', v.real_pii_remaining))
                              FROM anon.validation v
                             WHERE v.run_id = v_run.run_id AND v.status = 'MISSED')));
    END IF;

    RETURN QUERY
        SELECT v.* FROM anon.validation v
         WHERE v.run_id = v_run.run_id
         ORDER BY v.status = 'MISSED' DESC, v.schema_name, v.table_name, v.column_name;
END
$$;
COMMENT ON FUNCTION anon.validate(bigint) IS
    'pgscrub: check every column of every table and materialized view for real PII left; writes anon.validation, sets the run clean or missed';
