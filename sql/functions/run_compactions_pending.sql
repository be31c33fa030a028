-- The tables of a run whose rows are all masked but whose old row versions are still on
-- disk (batched tables waiting for anon.run_compact), in foreign-key order.
CREATE OR REPLACE FUNCTION anon.run_compactions_pending(p_run_id bigint)
RETURNS SETOF oid
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT t.relid FROM anon.run_tables t
     WHERE t.run_id = p_run_id AND t.masked_at IS NOT NULL AND t.compacted_at IS NULL
     ORDER BY t."position", t.schema_name, t.table_name
$$;
COMMENT ON FUNCTION anon.run_compactions_pending(bigint) IS
    'pgscrub: the masked tables of a run still waiting for compaction';
