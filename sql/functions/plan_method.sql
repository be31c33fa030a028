-- How a run masks one table. 'rewrite' (mode rewrite, the default): one
-- ALTER TABLE ... ALTER COLUMN ... TYPE <same type> USING <mask>, which writes a new heap,
-- TOAST and indexes once, leaves no old row versions behind and fires no trigger or rule.
-- PostgreSQL refuses it, or it would break things, when a masked column is used by a
-- view, rule, policy, trigger or generated column, belongs to a foreign key (the
-- rebuilt constraint would be checked against the other, not yet masked table), is
-- inherited, or when the expression has a subquery; then, and in mode 'batched', the
-- table is updated in batches: 'keyset' over the primary key, or 'ctid' over block ranges
-- when there is no primary key or it contains a masked column (it changes under us).
-- reason says why a table is not rewritten, for the dry run and the report.
CREATE OR REPLACE FUNCTION anon.plan_method(p_table regclass, p_mode text, p_attnums smallint[],
                                            p_has_subquery boolean)
RETURNS TABLE (method text, reason text, key_columns name[])
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_class pg_catalog.pg_class;
    v_blocker text;
    v_key smallint[];
BEGIN
    SELECT * INTO STRICT v_class FROM pg_catalog.pg_class c WHERE c.oid = p_table;
    reason := CASE
        WHEN p_mode = 'batched' THEN 'mode batched'
        WHEN v_class.relispartition THEN 'a partition (its columns belong to the partitioned table)'
        WHEN EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE p_table IN (i.inhrelid, i.inhparent))
            THEN 'part of an inheritance tree'
        WHEN v_class.reloftype <> 0 THEN 'a typed table'
        WHEN NOT pg_catalog.pg_has_role(v_class.relowner, 'USAGE')
            THEN 'not owned by the current role (ALTER TABLE needs ownership)'
        WHEN p_has_subquery THEN 'a masking expression contains a subquery'
    END;
    IF reason IS NULL THEN
        -- Anything depending on a masked column other than its indexes, non-FK
        -- constraints, own default and extended statistics stops ALTER COLUMN TYPE.
        SELECT pg_catalog.format('column %I is used by %s',
                                 a.attname, pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid))
          INTO v_blocker
          FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
          LEFT JOIN pg_catalog.pg_constraint con
                 ON d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND con.oid = d.objid
          LEFT JOIN pg_catalog.pg_attrdef def
                 ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND def.oid = d.objid
          LEFT JOIN pg_catalog.pg_class dep
                 ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.oid = d.objid
         WHERE d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
           AND d.refobjid = p_table
           AND d.refobjsubid = ANY (p_attnums)
           AND NOT (dep.relkind IS NOT DISTINCT FROM 'i'
                    OR COALESCE(con.contype IN ('c', 'u', 'p', 'x'), false)
                    OR def.adnum IS NOT DISTINCT FROM d.refobjsubid
                    OR d.classid = 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass)
         ORDER BY a.attnum, d.classid, d.objid
         LIMIT 1;
        reason := v_blocker;
    END IF;
    IF reason IS NULL THEN
        SELECT pg_catalog.format('column %I is part of foreign key %I', a.attname, con.conname)
          INTO v_blocker
          FROM pg_catalog.pg_constraint con
          JOIN pg_catalog.pg_attribute a
            ON a.attrelid = p_table
           AND ((con.conrelid = p_table AND a.attnum = ANY (con.conkey))
                OR (con.confrelid = p_table AND a.attnum = ANY (con.confkey)))
         WHERE con.contype = 'f' AND a.attnum = ANY (p_attnums)
         ORDER BY a.attnum, con.conname
         LIMIT 1;
        reason := v_blocker;
    END IF;
    IF reason IS NULL THEN
        method := 'rewrite';
        RETURN NEXT;
        RETURN;
    END IF;

    SELECT i.indkey::smallint[] INTO v_key
      FROM pg_catalog.pg_index i WHERE i.indrelid = p_table AND i.indisprimary;
    IF v_key IS NULL OR v_key && p_attnums THEN
        method := 'ctid';
        reason := reason || CASE WHEN v_key IS NULL THEN '; no primary key'
                                 ELSE '; the primary key contains a masked column' END;
    ELSE
        method := 'keyset';
        SELECT pg_catalog.array_agg(a.attname ORDER BY k.ord) INTO key_columns
          FROM pg_catalog.unnest(v_key) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = p_table AND a.attnum = k.attnum;
    END IF;
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION anon.plan_method(regclass, text, smallint[], boolean) IS
    'pgscrub: rewrite, keyset or ctid: how a run masks a table, and why it is not rewritten';
