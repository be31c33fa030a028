-- The relations validation covers: every table, materialized view and foreign table of
-- every schema, except pgscrub's own, the system's, temporary ones and those that belong
-- to an extension. Partitions are checked one by one (their rules, findings and
-- fingerprints belong to the partitioned table at the root: owner_schema/owner_table).
-- A foreign table is unreadable by design: its rows live on another server (production,
-- often), so validation cannot prove them clean, and reading them could take hours.
CREATE OR REPLACE FUNCTION anon.validate_scope()
RETURNS TABLE (relid oid, schema_name name, table_name name, relkind "char",
               owner_schema name, owner_table name, unreadable text, populated boolean)
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT c.oid, n.nspname, c.relname, c.relkind,
           rn.nspname, r.relname,
           CASE
               WHEN c.relkind = 'f'
                   THEN pg_catalog.format('foreign table on server %s: its rows live outside this database and are '
                                          'not validated; drop it in staging', (SELECT s.srvname FROM pg_catalog.pg_foreign_table ft
                                                                                JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
                                                                               WHERE ft.ftrelid = c.oid))
               WHEN NOT pg_catalog.has_table_privilege(c.oid, 'SELECT')
                   THEN pg_catalog.format('role %s may not read it', CURRENT_USER)
               WHEN c.relrowsecurity AND NOT (me.rolsuper OR me.rolbypassrls
                                              OR (pg_catalog.pg_has_role(c.relowner, 'USAGE')
                                                  AND NOT c.relforcerowsecurity))
                   THEN pg_catalog.format('row-level security hides rows from role %s', CURRENT_USER)
           END,
           c.relispopulated
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_class r ON r.oid = CASE WHEN c.relispartition
                                                 THEN pg_catalog.pg_partition_root(c.oid)
                                                 ELSE c.oid END
      JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
      CROSS JOIN (SELECT a.rolsuper, a.rolbypassrls FROM pg_catalog.pg_roles a
                   WHERE a.rolname = CURRENT_USER) AS me
     WHERE c.relkind IN ('r', 'm', 'f')
       AND c.relpersistence <> 't'
       AND n.nspname NOT IN ('anon', 'pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg\_toast%'
       AND n.nspname NOT LIKE 'pg\_temp\_%'
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid = c.oid
                          AND d.deptype = 'e')
$$;
COMMENT ON FUNCTION anon.validate_scope() IS
    'pgscrub: every user table, materialized view and foreign table that validation checks, with the table that owns its rules';
