-- Per-table progress of the current (or latest) masking run, for psql users
-- (SELECT * FROM anon.progress) and the progress bars of `pgscrub run`.
-- phase: pending, rewriting (one ALTER TABLE: rows_done jumps to the total at commit),
-- masking (batches), compacting (batched table waiting for or in its rewrite), done,
-- failed, skipped. rows_per_second and eta_seconds come from the rows done so far.
CREATE VIEW anon.progress AS
SELECT t.run_id,
       t."position",
       t.schema_name,
       t.table_name,
       t.method,
       CASE WHEN t.status <> 'running' THEN t.status
            WHEN t.masked_at IS NOT NULL THEN 'compacting'
            WHEN t.method = 'rewrite' THEN 'rewriting'
            ELSE 'masking' END AS phase,
       t.rows_total,
       d.rows_done,
       CASE WHEN t.rows_total > 0
            THEN pg_catalog.round(100.0 * LEAST(d.rows_done, t.rows_total) / t.rows_total, 1) END AS percent,
       t.started_at,
       t.finished_at,
       pg_catalog.round(e.seconds, 1) AS elapsed_seconds,
       CASE WHEN e.seconds > 0 AND d.rows_done > 0 THEN pg_catalog.round(d.rows_done / e.seconds) END AS rows_per_second,
       CASE WHEN t.status = 'done' THEN 0
            WHEN t.method <> 'rewrite' AND e.seconds > 0 AND d.rows_done > 0
            THEN pg_catalog.round(GREATEST(t.rows_total - d.rows_done, 0) * e.seconds / d.rows_done) END AS eta_seconds,
       t.error
  FROM anon.run_tables t
 CROSS JOIN LATERAL (
       SELECT CASE WHEN t.method = 'rewrite' OR t.masked_at IS NOT NULL THEN t.rows_done
                   ELSE (SELECT COALESCE(pg_catalog.sum(g.rows_done), 0)::bigint FROM anon.run_ranges g
                          WHERE (g.run_id, g.schema_name, g.table_name) = (t.run_id, t.schema_name, t.table_name))
              END AS rows_done) d
 CROSS JOIN LATERAL (
       SELECT pg_catalog.date_part('epoch', COALESCE(t.finished_at, pg_catalog.clock_timestamp()) - t.started_at)::numeric
              AS seconds) e
 WHERE t.run_id = (SELECT pg_catalog.max(r.run_id) FROM anon.runs r)
 ORDER BY t."position", t.schema_name, t.table_name;
COMMENT ON VIEW anon.progress IS
    'pgscrub: per-table progress of the current or latest masking run (rows, rows/s, ETA)';
