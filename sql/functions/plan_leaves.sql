-- The tables that hold the rows of a relation: a partitioned table's leaf partitions,
-- or the table itself (pg_partition_tree() returns nothing for a plain table).
CREATE OR REPLACE FUNCTION anon.plan_leaves(p_table regclass)
RETURNS SETOF oid
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT t.relid::oid FROM pg_catalog.pg_partition_tree(p_table) AS t WHERE t.isleaf
    UNION
    SELECT c.oid FROM pg_catalog.pg_class c WHERE c.oid = p_table AND c.relkind = 'r'
$$;
COMMENT ON FUNCTION anon.plan_leaves(regclass) IS
    'pgscrub: the leaf tables holding the rows of a table (its partitions, or itself)';
