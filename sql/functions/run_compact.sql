-- After a batched table is fully masked: rewrite its heap, TOAST table and indexes
-- without the pre-masking row versions, which UPDATE left behind as dead tuples (a
-- plain VACUUM would free them but leave their bytes on the pages). CLUSTER is the
-- rewrite that can run inside CALL (VACUUM FULL cannot): on the clustering index if the
-- table has one, else its primary key or another plain btree index, else a temporary
-- index; the table's clustering mark is left as it was. Nothing happens while a session
-- may still see the old versions (anon.run_horizon_blockers): they would be copied.
-- Then ANALYZE, so that the planner statistics hold masked values only.
-- Returns what blocks the compaction; empty when the table is done.
CREATE OR REPLACE FUNCTION anon.run_compact(p_run_id bigint, p_relid oid)
RETURNS text[]
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rt anon.run_tables;
    v_table pg_catalog.regclass := p_relid::pg_catalog.regclass;
    v_blockers text[];
    v_clustered name;
    v_index name;
    v_temporary name;
BEGIN
    SELECT * INTO STRICT v_rt FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.relid = p_relid FOR UPDATE;
    IF v_rt.status = 'done' THEN
        RETURN '{}';
    END IF;
    v_blockers := anon.run_horizon_blockers(v_rt.masked_xid);
    IF pg_catalog.cardinality(v_blockers) > 0 THEN
        RETURN v_blockers;
    END IF;

    SELECT c.relname INTO v_clustered FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = p_relid AND i.indisclustered;
    SELECT c.relname INTO v_index
      FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
      JOIN pg_catalog.pg_am am ON am.oid = c.relam
     WHERE i.indrelid = p_relid AND am.amname = 'btree' AND i.indisvalid AND i.indpred IS NULL
     ORDER BY i.indisclustered DESC, i.indisprimary DESC, i.indisunique DESC, c.relname
     LIMIT 1;
    IF v_index IS NULL THEN
        v_temporary := 'pgscrub_compact_' || p_relid::text;
        EXECUTE pg_catalog.format('CREATE INDEX %I ON %s ((0))', v_temporary, v_table);
        v_index := v_temporary;
    END IF;
    EXECUTE pg_catalog.format('CLUSTER %s USING %I', v_table, v_index);
    IF v_temporary IS NOT NULL THEN
        EXECUTE pg_catalog.format('DROP INDEX %I.%I', v_rt.schema_name, v_temporary);
    ELSIF v_clustered IS NULL THEN
        EXECUTE pg_catalog.format('ALTER TABLE ONLY %s SET WITHOUT CLUSTER', v_table);
    END IF;
    EXECUTE pg_catalog.format('ANALYZE %s', v_table);
    UPDATE anon.run_tables t
       SET status = 'done', compacted_at = pg_catalog.clock_timestamp(), finished_at = pg_catalog.clock_timestamp()
     WHERE t.run_id = p_run_id AND t.relid = p_relid
    RETURNING * INTO v_rt;
    PERFORM anon.run_notice_done(v_rt);
    RETURN '{}';
END
$$;
COMMENT ON FUNCTION anon.run_compact(bigint, oid) IS
    'pgscrub: rewrite a masked table without its old row versions (CLUSTER) once no session can see them';
