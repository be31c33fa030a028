-- What validation does with each column in scope (anon.validate_scope), and what it knows
-- about it. check is one of:
--   row_value   masked whole values: each row compared with its own original (row-bound
--               fingerprints), emails with every original email
--   row_tokens  masked free text, XML, arrays: each PII token likewise
--   row_json    JSON masked at paths: the values at those paths likewise, emails
--               anywhere in the document with every original email
--   values      no masking rule, a string type: whole values and the PII tokens inside
--               compared with every original identifier (value fingerprints)
--   json        no masking rule, JSON: each scalar leaf like a string value
--   tokens      no masking rule, XML/arrays: the PII tokens inside, likewise
--   skipped     a type that cannot hold those identifiers, and no masking rule
--   unreadable / unpopulated   the relation cannot be read (reason says why) / a
--               materialized view that holds no rows
-- classified: the scan read it with its current type (a column it had to skip is not).
-- The row checks use the latest capture of the column whose fingerprints still exist and
-- whose run masked it;
-- captured says whether any run ever fingerprinted (and so masked) the column.
CREATE OR REPLACE FUNCTION anon.validate_plan()
RETURNS TABLE (relid oid, schema_name name, table_name name, column_name name, attnum smallint,
               column_type text, type_class text, "check" text, scope text, key_sql text,
               masking_rule boolean, reviewed_rule boolean, captured boolean, json_paths text[],
               sensitivity text, classified boolean,
               pending boolean, unreadable text)
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT s.relid, s.schema_name, s.table_name, a.attname, a.attnum,
           pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
           anon.validate_type_class(a.atttypid) AS type_class,
           CASE
               WHEN s.unreadable IS NOT NULL THEN 'unreadable'
               WHEN NOT s.populated THEN 'unpopulated'
               WHEN cap.token AND anon.validate_type_class(a.atttypid) = 'json' THEN 'row_json'
               WHEN cap.token THEN 'row_tokens'
               WHEN cap.token IS NOT NULL THEN 'row_value'
               WHEN anon.validate_type_class(a.atttypid) = 'text' THEN 'values'
               WHEN anon.validate_type_class(a.atttypid) = 'json' THEN 'json'
               WHEN anon.validate_type_class(a.atttypid) = 'document' THEN 'tokens'
               ELSE 'skipped'
           END,
           pg_catalog.format('%I.%I.%I', s.owner_schema, s.owner_table, a.attname),
           anon.fingerprint_key_sql(cap.key_columns),
           COALESCE(rule.masking, false), COALESCE(rule.reviewed, false),
           EXISTS (SELECT FROM anon.fingerprint_captures c
                    WHERE ((c.schema_name, c.table_name) = (s.schema_name, s.table_name)
                           OR (c.schema_name, c.table_name) = (s.owner_schema, s.owner_table))
                      AND a.attname = ANY (c.value_columns || c.token_columns))
           -- renamed since: the run's ledger knows the table and column by oid and number
           OR EXISTS (SELECT FROM anon.run_tables t
                       WHERE t.relid = s.relid AND t.status = 'done' AND a.attnum = ANY (t.attnums)),
           rule.json_paths,
           sc.sensitivity,
           sc.column_type IS NOT DISTINCT FROM pg_catalog.format_type(a.atttypid, a.atttypmod)
               AND sc.skipped_reason IS NULL,
           EXISTS (SELECT FROM anon.pending_columns p
                    WHERE p.column_name = a.attname
                      AND ((p.schema_name, p.table_name) = (s.schema_name, s.table_name)
                           OR (p.schema_name, p.table_name) = (s.owner_schema, s.owner_table))
                      AND (sc.column_type IS DISTINCT FROM pg_catalog.format_type(a.atttypid, a.atttypmod)
                           OR sc.classified_at < p.detected_at)),
           s.unreadable
      FROM anon.validate_scope() s
      JOIN pg_catalog.pg_attribute a ON a.attrelid = s.relid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN LATERAL (
          SELECT c.key_columns, a.attname = ANY (c.token_columns) AS token
            FROM anon.fingerprint_captures c
           WHERE c.dropped_at IS NULL
             AND ((c.schema_name, c.table_name) = (s.schema_name, s.table_name)
                  OR (c.schema_name, c.table_name) = (s.owner_schema, s.owner_table))
             AND a.attname = ANY (c.value_columns || c.token_columns)
             -- not a capture of a column the run then left unmasked (its rule changed to
             -- keep after a failed attempt): its originals are there on purpose
             AND NOT EXISTS (SELECT FROM anon.run_tables rt
                              WHERE rt.run_id = c.run_id AND rt.relid = s.relid AND NOT a.attnum = ANY (rt.attnums))
           ORDER BY c.run_id DESC
           LIMIT 1) AS cap ON true
      LEFT JOIN LATERAL (
          SELECT pg_catalog.bool_or(r.strategy <> 'keep') AS masking, true AS reviewed,
                 pg_catalog.array_agg(r.json_path ORDER BY r.json_path)
                     FILTER (WHERE r.json_path <> '' AND r.strategy <> 'keep') AS json_paths
            FROM anon.rules r
           WHERE r.reviewed AND r.column_name = a.attname
             AND r.schema_name = s.owner_schema AND r.table_name = s.owner_table
          HAVING pg_catalog.count(*) > 0) AS rule ON true
      LEFT JOIN LATERAL (
          SELECT x.sensitivity, x.column_type, x.classified_at, x.skipped_reason
            FROM anon.scanned_columns x
           WHERE x.column_name = a.attname
             AND ((x.schema_name, x.table_name) = (s.schema_name, s.table_name)
                  OR (x.schema_name, x.table_name) = (s.owner_schema, s.owner_table))
           ORDER BY x.classified_at DESC
           LIMIT 1) AS sc ON true
$$;
COMMENT ON FUNCTION anon.validate_plan() IS
    'pgscrub: per column in scope, how validation checks it and what the catalog knows (rules, scan, watcher)';
