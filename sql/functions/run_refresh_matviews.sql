-- After masking: refresh the populated materialized views that read, directly or through
-- views and other materialized views, a table masked by the run (or a parent of one),
-- so that they hold masked data only; inner ones first. REFRESH writes new files, so
-- the old contents do not stay on disk. Returns the views refreshed.
CREATE OR REPLACE FUNCTION anon.run_refresh_matviews(p_run_id bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_view pg_catalog.regclass;
    v_count integer := 0;
BEGIN
    FOR v_view IN
        WITH RECURSIVE masked (relid) AS (
            SELECT t.relid FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.status = 'done'
            UNION
            SELECT i.inhparent FROM masked m JOIN pg_catalog.pg_inherits i ON i.inhrelid = m.relid
        ), readers (relid, depth) AS (
            SELECT r.ev_class, 1
              FROM pg_catalog.pg_depend d
              JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
             WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
               AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND d.refobjid IN (SELECT m.relid FROM masked m) AND r.ev_class <> d.refobjid
            UNION
            SELECT r.ev_class, x.depth + 1
              FROM readers x
              JOIN pg_catalog.pg_depend d ON d.refobjid = x.relid
                   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                   AND d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
              JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
             WHERE r.ev_class <> d.refobjid AND x.depth < 100
        )
        SELECT x.relid::pg_catalog.regclass
          FROM readers x JOIN pg_catalog.pg_class c ON c.oid = x.relid
         WHERE c.relkind = 'm' AND c.relispopulated
         GROUP BY x.relid
         ORDER BY pg_catalog.max(x.depth), x.relid
    LOOP
        EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s', v_view);
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.run_refresh_matviews(bigint) IS
    'pgscrub: refresh the materialized views that read tables masked by a run, inner ones first';
