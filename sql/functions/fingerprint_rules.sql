-- The reviewed masking rules that apply to each column of a table, as the run applies them
-- (anon.plan_columns): the table's own, else those of its nearest ancestor (partitioned or
-- inheritance parent) with rules for a column of that name. 'keep' decisions are left out.
CREATE OR REPLACE FUNCTION anon.fingerprint_rules(p_table regclass)
RETURNS TABLE (column_name name, attnum smallint, atttypid oid, rule_schema name, rule_table name,
               json_path text, strategy text, domain text)
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    WITH RECURSIVE ancestry (relid, level) AS (
        SELECT p_table::oid, 0
        UNION ALL
        SELECT i.inhparent, a.level + 1
          FROM ancestry a JOIN pg_catalog.pg_inherits i ON i.inhrelid = a.relid
    ), nearest AS (
        SELECT DISTINCT ON (att.attnum) att.attname, att.attnum, att.atttypid, n.nspname, c.relname
          FROM pg_catalog.pg_attribute att
          CROSS JOIN ancestry a
          JOIN pg_catalog.pg_class c ON c.oid = a.relid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE att.attrelid = p_table AND att.attnum > 0 AND NOT att.attisdropped
           AND EXISTS (SELECT FROM anon.rules r
                        WHERE (r.schema_name, r.table_name, r.column_name) = (n.nspname, c.relname, att.attname)
                          AND r.reviewed)
         ORDER BY att.attnum, a.level
    )
    SELECT x.attname, x.attnum, x.atttypid, x.nspname, x.relname, r.json_path, r.strategy, r.domain
      FROM nearest x
      JOIN anon.rules r ON (r.schema_name, r.table_name, r.column_name) = (x.nspname, x.relname, x.attname)
     WHERE r.reviewed AND r.strategy <> 'keep'
$$;
COMMENT ON FUNCTION anon.fingerprint_rules(regclass) IS
    'pgscrub: reviewed masking rules per column of a table, inherited from the nearest ancestor like the run does';
