-- Masking writes every row, so PostgreSQL evaluates the table's CHECK constraints, index
-- expressions and predicates, generated columns, extended-statistics expressions (ANALYZE)
-- and the CHECK constraints of domain-typed columns. Functions and operators they call run
-- in pgscrub's session: with its privileges (a superuser's) and able to read the masking
-- secret (current_setting). A table owner could plant one that grants itself SUPERUSER or
-- copies the secret. So, before any row changes, refuse a table whose expressions call a
-- function owned by a role that is neither a superuser nor the current user, naming it.
-- (Triggers and rules are kept from firing instead: anon.run_triggers_off.)
CREATE OR REPLACE FUNCTION anon.plan_check_user_code(p_tables oid[])
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_found record;
BEGIN
    WITH expressions(relid, classid, objid, what) AS (
        SELECT c.conrelid, 'pg_catalog.pg_constraint'::pg_catalog.regclass, c.oid,
               pg_catalog.format('constraint %I', c.conname)
          FROM pg_catalog.pg_constraint c WHERE c.conrelid = ANY (p_tables)
        UNION ALL
        SELECT i.indrelid, 'pg_catalog.pg_class'::pg_catalog.regclass, i.indexrelid,
               pg_catalog.format('index %s', i.indexrelid::pg_catalog.regclass)
          FROM pg_catalog.pg_index i WHERE i.indrelid = ANY (p_tables)
        UNION ALL
        SELECT d.adrelid, 'pg_catalog.pg_attrdef'::pg_catalog.regclass, d.oid,
               pg_catalog.format('generated column %I', a.attname)
          FROM pg_catalog.pg_attrdef d
          JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
         WHERE d.adrelid = ANY (p_tables) AND a.attgenerated <> ''
        UNION ALL
        SELECT s.stxrelid, 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid,
               pg_catalog.format('statistics %I', s.stxname)
          FROM pg_catalog.pg_statistic_ext s WHERE s.stxrelid = ANY (p_tables)
        UNION ALL
        SELECT a.attrelid, 'pg_catalog.pg_constraint'::pg_catalog.regclass, c.oid,
               pg_catalog.format('constraint %I of domain %s (column %I)', c.conname,
                                 c.contypid::pg_catalog.regtype, a.attname)
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_constraint c ON c.contypid = a.atttypid
         WHERE a.attrelid = ANY (p_tables) AND a.attnum > 0 AND NOT a.attisdropped
    )
    SELECT e.relid::pg_catalog.regclass AS tab, e.what, p.oid::pg_catalog.regprocedure AS func,
           r.rolname AS owner
      INTO v_found
      FROM expressions e
      JOIN pg_catalog.pg_depend d ON d.classid = e.classid AND d.objid = e.objid
      LEFT JOIN pg_catalog.pg_operator o
             ON d.refclassid = 'pg_catalog.pg_operator'::pg_catalog.regclass AND o.oid = d.refobjid
      JOIN pg_catalog.pg_proc p
        ON p.oid = CASE WHEN d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass THEN d.refobjid
                        ELSE o.oprcode::pg_catalog.oid END
      JOIN pg_catalog.pg_roles r ON r.oid = p.proowner
     WHERE NOT r.rolsuper AND r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER
     ORDER BY 1, 2, 3
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'table %: % calls %, owned by role %; masking would run it as % and let it read the masking secret',
                        v_found.tab, v_found.what, v_found.func, v_found.owner, CURRENT_USER
              USING ERRCODE = '42501',
                    HINT = 'review that function: make a superuser its owner (ALTER FUNCTION ... OWNER TO) if it is '
                           'harmless, or drop what calls it before masking; nothing was masked';
    END IF;
END
$$;
COMMENT ON FUNCTION anon.plan_check_user_code(oid[]) IS
    'pgscrub: refuse tables whose constraints, indexes or generated columns call functions of an untrusted role';
