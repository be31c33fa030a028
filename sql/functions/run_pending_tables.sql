-- The tables of a run still to mask, in foreign-key order; with p_table, only those
-- holding its rows (the table, or the partitions of a partitioned table).
CREATE OR REPLACE FUNCTION anon.run_pending_tables(p_run_id bigint, p_table regclass DEFAULT NULL)
RETURNS SETOF oid
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT t.relid FROM anon.run_tables t
     WHERE t.run_id = p_run_id AND t.status NOT IN ('done', 'skipped')
       AND (p_table IS NULL OR t.relid IN (SELECT l.relid FROM anon.plan_leaves(p_table) AS l(relid)))
     ORDER BY t."position", t.schema_name, t.table_name
$$;
COMMENT ON FUNCTION anon.run_pending_tables(bigint, regclass) IS
    'pgscrub: the tables of a run still to mask, in foreign-key order';
