-- What the audit report shows, per column, for psql users (and read by `pgscrub report`):
-- the validation of one run beside the previous validated run, with what the scan found
-- and which reviewed rules apply. The run is the latest one, or the one named for the
-- session or transaction by `SET anon.report_run = 42`.
-- Rows: every column the run validated, plus every column with a HIGH/MEDIUM finding or a
-- reviewed rule (status NULL there means the run did not validate it). MISSED first, then
-- not validated, then Clean; within each, the most real PII remaining first.
-- Nothing here reads user tables: names, counts and statuses only, never a value.
CREATE VIEW anon.report AS
WITH chosen AS (
    SELECT r.run_id
      FROM anon.runs AS r
     WHERE r.run_id = COALESCE(
               NULLIF(pg_catalog.current_setting('anon.report_run', true), '')::bigint,
               (SELECT pg_catalog.max(l.run_id) FROM anon.runs AS l))
), previous AS (
    SELECT pg_catalog.max(v.run_id) AS run_id
      FROM anon.validation AS v
      JOIN chosen AS c ON v.run_id OPERATOR(pg_catalog.<) c.run_id
), found AS (
    SELECT f.schema_name, f.table_name, f.column_name,
           pg_catalog.array_agg(f.detector ORDER BY f.confidence DESC, f.detector) AS detectors,
           pg_catalog.max(f.confidence) AS confidence,
           pg_catalog.min(CASE f.sensitivity WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END)
               AS sensitivity_rank
      FROM anon.findings AS f
     GROUP BY f.schema_name, f.table_name, f.column_name
), ruled AS (
    SELECT r.schema_name, r.table_name, r.column_name,
           pg_catalog.array_agg(DISTINCT r.strategy ORDER BY r.strategy) AS strategies
      FROM anon.rules AS r
     WHERE r.reviewed
     GROUP BY r.schema_name, r.table_name, r.column_name
), current_run AS (
    SELECT v.*
      FROM anon.validation AS v
      JOIN chosen AS c ON v.run_id OPERATOR(pg_catalog.=) c.run_id
), previous_run AS (
    SELECT v.*
      FROM anon.validation AS v
      JOIN previous AS p ON v.run_id OPERATOR(pg_catalog.=) p.run_id
), still_there AS (
    -- Findings and rules of columns dropped since would otherwise stay "not validated".
    SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name
      FROM pg_catalog.pg_attribute AS a
      JOIN pg_catalog.pg_class AS c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
      JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
     WHERE a.attnum OPERATOR(pg_catalog.>) 0
       AND NOT a.attisdropped
       AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'm', 'f', 'v']::"char"[])
), reported AS (
    SELECT cr.schema_name, cr.table_name, cr.column_name FROM current_run AS cr
    UNION
    ((SELECT fo.schema_name, fo.table_name, fo.column_name FROM found AS fo
       WHERE fo.sensitivity_rank OPERATOR(pg_catalog.<=) 2
      UNION
      SELECT ru.schema_name, ru.table_name, ru.column_name FROM ruled AS ru)
     INTERSECT
     SELECT st.schema_name, st.table_name, st.column_name FROM still_there AS st)
)
SELECT c.run_id,
       col.schema_name,
       col.table_name,
       col.column_name,
       cur.status,
       cur.real_pii_remaining,
       cur.rows_checked,
       cur.reason,
       (ARRAY['HIGH', 'MEDIUM', 'LOW'])[fo.sensitivity_rank] AS sensitivity,
       COALESCE(fo.detectors, '{}') AS detectors,
       fo.confidence,
       COALESCE(ru.strategies, '{}') AS strategies,
       pe.change AS pending_change,
       p.run_id AS previous_run_id,
       pr.status AS previous_status,
       pr.real_pii_remaining AS previous_real_pii_remaining
  FROM chosen AS c
 CROSS JOIN reported AS col
 CROSS JOIN previous AS p
  LEFT JOIN current_run AS cur
         ON (cur.schema_name, cur.table_name, cur.column_name)
            OPERATOR(pg_catalog.=) (col.schema_name, col.table_name, col.column_name)
  LEFT JOIN previous_run AS pr
         ON (pr.schema_name, pr.table_name, pr.column_name)
            OPERATOR(pg_catalog.=) (col.schema_name, col.table_name, col.column_name)
  LEFT JOIN found AS fo
         ON (fo.schema_name, fo.table_name, fo.column_name)
            OPERATOR(pg_catalog.=) (col.schema_name, col.table_name, col.column_name)
  LEFT JOIN ruled AS ru
         ON (ru.schema_name, ru.table_name, ru.column_name)
            OPERATOR(pg_catalog.=) (col.schema_name, col.table_name, col.column_name)
  LEFT JOIN anon.pending_columns AS pe
         ON (pe.schema_name, pe.table_name, pe.column_name)
            OPERATOR(pg_catalog.=) (col.schema_name, col.table_name, col.column_name)
 ORDER BY CASE cur.status WHEN 'MISSED' THEN 0 WHEN 'Clean' THEN 2 ELSE 1 END,
          cur.real_pii_remaining DESC NULLS LAST,
          fo.sensitivity_rank NULLS LAST,
          col.schema_name, col.table_name, col.column_name;

COMMENT ON VIEW anon.report IS
    'pgscrub: per column, the validation of the latest run (or SET anon.report_run = N) beside the previous run, with findings and rules; MISSED first';
