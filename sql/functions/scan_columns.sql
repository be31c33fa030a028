-- requires: scan_hint_kinds.sql
-- Every column the scan classifies: user tables, partitioned tables (through the
-- parent; partitions are not listed) and materialized views, outside pg_catalog,
-- information_schema, pg_toast, temporary schemas, anon and extension-owned tables.
-- category says how the column is sampled: text (string types, domains over them,
-- citext), json, xml, array (of string types), inet, bytea, date (only when the name
-- suggests a birth date), number (bigint/numeric, or smaller integers whose name
-- suggests a phone, ID, account or card); NULL: the type cannot hold PII the scan
-- looks for, the column is classified LOW without reading it.
CREATE OR REPLACE FUNCTION anon.scan_columns()
RETURNS TABLE(relid oid, schema_name name, table_name name, relkind "char", column_name name,
              attnum smallint, column_type text, category text, hint_kinds text[], readable boolean)
LANGUAGE sql
STABLE
SET search_path = ''
BEGIN ATOMIC
    SELECT c.oid, n.nspname, c.relname, c.relkind, a.attname, a.attnum,
           pg_catalog.format_type(a.atttypid, a.atttypmod),
           CASE
               WHEN t.typcategory OPERATOR(pg_catalog.=) 'S' THEN 'text'
               WHEN t.oid IN ('pg_catalog.json'::pg_catalog.regtype, 'pg_catalog.jsonb'::pg_catalog.regtype) THEN 'json'
               WHEN t.oid OPERATOR(pg_catalog.=) 'pg_catalog.xml'::pg_catalog.regtype THEN 'xml'
               WHEN t.oid OPERATOR(pg_catalog.=) 'pg_catalog.bytea'::pg_catalog.regtype THEN 'bytea'
               WHEN t.oid IN ('pg_catalog.inet'::pg_catalog.regtype, 'pg_catalog.cidr'::pg_catalog.regtype) THEN 'inet'
               WHEN t.typcategory OPERATOR(pg_catalog.=) 'A' AND e.typcategory OPERATOR(pg_catalog.=) 'S' THEN 'array'
               WHEN t.oid IN ('pg_catalog.date'::pg_catalog.regtype, 'pg_catalog.timestamp'::pg_catalog.regtype,
                              'pg_catalog.timestamptz'::pg_catalog.regtype)
                    AND 'birth_date' OPERATOR(pg_catalog.=) ANY (h.kinds) THEN 'date'
               WHEN t.oid IN ('pg_catalog.int8'::pg_catalog.regtype, 'pg_catalog.numeric'::pg_catalog.regtype) THEN 'number'
               WHEN t.oid IN ('pg_catalog.int4'::pg_catalog.regtype, 'pg_catalog.int2'::pg_catalog.regtype)
                    AND h.kinds OPERATOR(pg_catalog.&&) '{phone,national_id,bank_account,card_number}'::text[] THEN 'number'
           END,
           h.kinds,
           pg_catalog.has_column_privilege(c.oid, a.attnum, 'SELECT')
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.oid
                                    AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
      JOIN pg_catalog.pg_type declared ON declared.oid OPERATOR(pg_catalog.=) a.atttypid
      -- a domain classifies as its base type
      JOIN pg_catalog.pg_type t ON t.oid OPERATOR(pg_catalog.=)
           CASE WHEN declared.typtype OPERATOR(pg_catalog.=) 'd' THEN declared.typbasetype ELSE declared.oid END
      LEFT JOIN pg_catalog.pg_type e ON e.oid OPERATOR(pg_catalog.=) t.typelem
      CROSS JOIN LATERAL (SELECT anon.scan_hint_kinds(a.attname::text) AS kinds) h
     WHERE c.relkind IN ('r', 'p', 'm')
       AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'anon')
       AND n.nspname OPERATOR(pg_catalog.!~) '^pg_(toast_)?temp_'
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                        WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
                          AND d.objid OPERATOR(pg_catalog.=) c.oid AND d.deptype OPERATOR(pg_catalog.=) 'e');
END;
COMMENT ON FUNCTION anon.scan_columns() IS
    'pgscrub: every column the scan classifies, with how it is sampled and the kinds its name suggests';
