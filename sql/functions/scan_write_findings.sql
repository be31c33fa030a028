-- requires: scan_threshold.sql, scan_kind_sensitivity.sql, partial.sql
-- Turn the matches of this scan into anon.findings (one row per column and kind, with
-- confidence = matched/sampled, JSON paths and up to 3 partial examples) and record
-- every column classified now in anon.scanned_columns; forget columns that no longer
-- exist. Then column-level rules:
--   * first_name vs last_name: many names are both; the column keeps the likelier one;
--   * many names are also places (London, Jordan): a name without a name hint does not
--     count in a column whose name suggests another kind that its values confirm;
--   * a column whose name suggests PII but whose values show none gets a finding with
--     found_in 'name': MEDIUM (review) when it holds values, LOW when empty (and none
--     when its type cannot hold that kind: a boolean email_verified, a bigint count of emails);
--   * places and postal codes are personal next to a person only: MEDIUM in a table
--     with HIGH findings, LOW elsewhere (a table of cities is not personal data).
-- Returns the number of findings written.
CREATE OR REPLACE FUNCTION anon.scan_write_findings()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    c_pii_hint_kinds constant text[] := ARRAY['email', 'phone', 'person_name', 'first_name', 'last_name',
        'national_id', 'iban', 'card_number', 'bank_account', 'address', 'birth_date', 'secret', 'photo',
        'ip_address', 'location', 'postal_code', 'username'];
    c_name_kinds constant text[] := ARRAY['person_name', 'first_name', 'last_name', 'username'];
    v_sql_ascii boolean := pg_catalog.current_setting('server_encoding') = 'SQL_ASCII';
    v_written bigint;
BEGIN
    -- What changed is classified again; what is gone is forgotten.
    DELETE FROM anon.findings f
     WHERE NOT EXISTS (SELECT FROM pg_temp.pgscrub_scan_columns c
                        WHERE c.schema_name = f.schema_name AND c.table_name = f.table_name
                          AND c.column_name = f.column_name AND NOT c.todo);
    DELETE FROM anon.scanned_columns s
     WHERE NOT EXISTS (SELECT FROM pg_temp.pgscrub_scan_columns c
                        WHERE c.schema_name = s.schema_name AND c.table_name = s.table_name
                          AND c.column_name = s.column_name);

    WITH sampled AS (
        SELECT v.relid, v.attnum, pg_catalog.count(*) AS n
          FROM pg_temp.pgscrub_scan_values v
         GROUP BY v.relid, v.attnum
    ), per_kind AS (
        SELECT m.relid, m.attnum, m.kind,
               pg_catalog.count(DISTINCT m.value_id) AS matched,
               pg_catalog.mode() WITHIN GROUP (ORDER BY m.found_in) AS found_in,
               pg_catalog.bool_or(m.hinted) AS hinted,
               COALESCE(pg_catalog.array_agg(DISTINCT m.json_path) FILTER (WHERE m.json_path IS NOT NULL), '{}') AS paths,
               pg_catalog.array_agg(DISTINCT anon.partial(m.example, m.kind)) AS examples
          FROM pg_temp.pgscrub_scan_matches m
         GROUP BY m.relid, m.attnum, m.kind
    )
    INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched,
                               confidence, sensitivity, json_paths, examples, found_in)
    SELECT c.schema_name, c.table_name, c.column_name, k.kind, c.column_type, s.n,
           LEAST(k.matched, s.n), pg_catalog.round(LEAST(k.matched, s.n)::numeric / s.n, 4),
           CASE WHEN k.matched::numeric / s.n >= anon.scan_threshold(k.kind, k.found_in, k.hinted)
                THEN anon.scan_kind_sensitivity(k.kind) ELSE 'LOW' END,
           k.paths[1:20],
           ARRAY(SELECT CASE WHEN v_sql_ascii THEN pg_catalog.regexp_replace(e, '[^\x01-\x7f]', '?', 'g') ELSE e END
                   FROM pg_catalog.unnest(k.examples) AS e WHERE e IS NOT NULL ORDER BY e LIMIT 3),
           k.found_in
      FROM per_kind k
      JOIN sampled s ON s.relid = k.relid AND s.attnum = k.attnum
      JOIN pg_temp.pgscrub_scan_columns c ON c.relid = k.relid AND c.attnum = k.attnum
     WHERE c.todo;

    -- first_name or last_name: keep the likelier (the column name breaks ties).
    UPDATE anon.findings f SET sensitivity = 'LOW'
      FROM anon.findings o, pg_temp.pgscrub_scan_columns c
     WHERE c.todo AND f.schema_name = c.schema_name AND f.table_name = c.table_name AND f.column_name = c.column_name
       AND o.schema_name = f.schema_name AND o.table_name = f.table_name AND o.column_name = f.column_name
       AND f.detector IN ('first_name', 'last_name') AND o.detector IN ('first_name', 'last_name')
       AND f.detector <> o.detector AND f.sensitivity <> 'LOW' AND o.sensitivity <> 'LOW'
       AND (f.confidence, f.detector = ANY (c.hint_kinds)) < (o.confidence, o.detector = ANY (c.hint_kinds));

    -- Words that are names are also places: a name found without a name hint in a
    -- column whose name suggests another kind, which its values confirm, is that kind.
    UPDATE anon.findings f SET sensitivity = 'LOW'
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.todo AND f.schema_name = c.schema_name AND f.table_name = c.table_name AND f.column_name = c.column_name
       AND f.detector IN ('first_name', 'last_name', 'person_name') AND f.sensitivity <> 'LOW'
       AND NOT c.hint_kinds && c_name_kinds
       AND EXISTS (SELECT FROM anon.findings o
                    WHERE o.schema_name = f.schema_name AND o.table_name = f.table_name
                      AND o.column_name = f.column_name AND o.detector = ANY (c.hint_kinds)
                      AND o.sensitivity <> 'LOW');

    -- The name suggests a kind the values show a little of, and nothing else: review it.
    UPDATE anon.findings f SET sensitivity = 'MEDIUM'
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.todo AND f.schema_name = c.schema_name AND f.table_name = c.table_name AND f.column_name = c.column_name
       AND f.sensitivity = 'LOW' AND f.detector = ANY (c.hint_kinds)
       AND anon.scan_kind_sensitivity(f.detector) = 'HIGH'
       AND NOT EXISTS (SELECT FROM anon.findings o
                        WHERE o.schema_name = f.schema_name AND o.table_name = f.table_name
                          AND o.column_name = f.column_name AND o.sensitivity <> 'LOW');

    -- Only the name suggests PII.
    INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched,
                               confidence, sensitivity, found_in)
    SELECT c.schema_name, c.table_name, c.column_name, h.kind, c.column_type, COALESCE(s.n, 0), 0, 0,
           CASE WHEN COALESCE(s.n, 0) > 0 AND anon.scan_kind_sensitivity(h.kind) = 'HIGH' THEN 'MEDIUM' ELSE 'LOW' END,
           'name'
      FROM pg_temp.pgscrub_scan_columns c
     CROSS JOIN LATERAL pg_catalog.unnest(c.hint_kinds) AS h(kind)
      LEFT JOIN (SELECT v.relid, v.attnum, pg_catalog.count(*) AS n
                   FROM pg_temp.pgscrub_scan_values v GROUP BY v.relid, v.attnum) AS s
             ON s.relid = c.relid AND s.attnum = c.attnum
     WHERE c.todo AND c.skipped_reason IS NULL AND c.category IS NOT NULL AND h.kind = ANY (c_pii_hint_kinds)
       -- a number holds phones, IDs, accounts and cards, not emails or addresses (a count named "emails")
       AND (c.category <> 'number' OR h.kind IN ('phone', 'national_id', 'bank_account', 'card_number'))
       AND NOT EXISTS (SELECT FROM anon.findings f
                        WHERE f.schema_name = c.schema_name AND f.table_name = c.table_name
                          AND f.column_name = c.column_name
                          AND (f.detector = h.kind OR f.sensitivity <> 'LOW'));

    -- Places and postal codes count next to a person only.
    UPDATE anon.findings f SET sensitivity = 'LOW'
     WHERE f.detector IN ('location', 'postal_code') AND f.sensitivity = 'MEDIUM'
       AND NOT EXISTS (SELECT FROM anon.findings p
                        WHERE p.schema_name = f.schema_name AND p.table_name = f.table_name
                          AND p.sensitivity = 'HIGH');

    SELECT pg_catalog.count(*) INTO v_written
      FROM anon.findings f JOIN pg_temp.pgscrub_scan_columns c
        ON c.todo AND f.schema_name = c.schema_name AND f.table_name = c.table_name AND f.column_name = c.column_name;

    INSERT INTO anon.scanned_columns AS s (schema_name, table_name, column_name, column_type, sensitivity,
                                           skipped_reason, classified_at, note)
    SELECT c.schema_name, c.table_name, c.column_name, c.column_type,
           CASE WHEN c.skipped_reason IS NOT NULL THEN 'MEDIUM'
                ELSE COALESCE((SELECT f.sensitivity FROM anon.findings f
                                WHERE f.schema_name = c.schema_name AND f.table_name = c.table_name
                                  AND f.column_name = c.column_name
                                ORDER BY pg_catalog.array_position(ARRAY['HIGH', 'MEDIUM', 'LOW'], f.sensitivity)
                                LIMIT 1), 'LOW') END,
           c.skipped_reason, pg_catalog.clock_timestamp(), c.note
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.todo
    ON CONFLICT (schema_name, table_name, column_name) DO UPDATE
       SET column_type = EXCLUDED.column_type, sensitivity = EXCLUDED.sensitivity,
           skipped_reason = EXCLUDED.skipped_reason, classified_at = EXCLUDED.classified_at, note = EXCLUDED.note;

    -- Classified columns are no longer pending (the new-column watcher's list).
    DELETE FROM anon.pending_columns p
     USING pg_temp.pgscrub_scan_columns c, anon.scanned_columns s
     WHERE p.schema_name = c.schema_name AND p.table_name = c.table_name AND p.column_name = c.column_name
       AND s.schema_name = c.schema_name AND s.table_name = c.table_name AND s.column_name = c.column_name
       AND s.column_type = c.column_type AND s.skipped_reason IS NULL;
    -- Pending entries of columns that no longer exist (dropped or renamed since) or that
    -- belong to a partition (classified through its parent) have nothing left to classify.
    DELETE FROM anon.pending_columns p
     WHERE NOT EXISTS (
               SELECT FROM pg_catalog.pg_attribute a
                 JOIN pg_catalog.pg_class k ON k.oid = a.attrelid
                 JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace
                WHERE n.nspname = p.schema_name AND k.relname = p.table_name
                  AND a.attname = p.column_name AND NOT a.attisdropped AND NOT k.relispartition);
    RETURN v_written;
END
$$;
COMMENT ON FUNCTION anon.scan_write_findings() IS
    'pgscrub: write this scan''s findings and classified columns; returns the findings written';
