-- Foreign-key order of the tables a run masks: parents before the tables that reference
-- them, by name among the tables that are free to go. Foreign keys are read between
-- leaf tables (a key on or to a partitioned table links its partitions). A cycle
-- (a -> b -> a) cannot be ordered: once no other table is free, the table of the cycle
-- that comes first by name goes first, and the order continues from there.
-- Masking does not depend on this order for correctness (foreign-key triggers do not
-- fire while masking; see docs/run.md), but parents first is what DBAs expect to see.
CREATE OR REPLACE FUNCTION anon.plan_table_order(p_tables oid[])
RETURNS TABLE (relid oid, "position" integer)
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_left oid[];
    v_children oid[];
    v_parents oid[];
    v_next oid;
BEGIN
    SELECT pg_catalog.array_agg(c.oid ORDER BY n.nspname, c.relname) INTO v_left
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = ANY (p_tables);
    SELECT pg_catalog.array_agg(child.relid), pg_catalog.array_agg(parent.relid)
      INTO v_children, v_parents
      FROM pg_catalog.pg_constraint con
     CROSS JOIN LATERAL anon.plan_leaves(con.conrelid) AS child(relid)
     CROSS JOIN LATERAL anon.plan_leaves(con.confrelid) AS parent(relid)
     WHERE con.contype = 'f'
       AND child.relid <> parent.relid
       AND child.relid = ANY (p_tables) AND parent.relid = ANY (p_tables);
    "position" := 0;
    WHILE pg_catalog.cardinality(v_left) > 0 LOOP
        SELECT l.relid INTO v_next
          FROM pg_catalog.unnest(v_left) WITH ORDINALITY AS l(relid, ord)
         ORDER BY EXISTS (SELECT FROM ROWS FROM (pg_catalog.unnest(v_children), pg_catalog.unnest(v_parents)) AS e(child, parent)
                           WHERE e.child = l.relid AND e.parent = ANY (v_left)),
                  l.ord
         LIMIT 1;
        relid := v_next;
        "position" := "position" + 1;
        RETURN NEXT;
        v_left := pg_catalog.array_remove(v_left, v_next);
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.plan_table_order(oid[]) IS
    'pgscrub: the tables in foreign-key order, parents first; cycles broken by name';
