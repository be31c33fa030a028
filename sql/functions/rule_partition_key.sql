-- The partitioned table (the rule's own, one below it or one above it: a rule on a
-- partition names the key of its parent) whose partition key holds the column, or NULL.
-- A masked partition key would belong in another partition: the rewrite fails on the
-- partition constraint, and a batched UPDATE would move rows across partitions. So
-- propose_rules keeps such a column and plan_check_rules refuses a masking rule on it.
-- A key expression (lower(email)) counts when the column's name appears in it as a word.
CREATE OR REPLACE FUNCTION anon.rule_partition_key(p_schema name, p_table name, p_column name)
RETURNS regclass
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT t.relid::pg_catalog.regclass
      FROM pg_catalog.pg_namespace n
      JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = p_table AND c.relkind IN ('p', 'r')
     CROSS JOIN LATERAL (SELECT d.relid, d.level FROM pg_catalog.pg_partition_tree(c.oid) AS d
                         UNION ALL
                         SELECT u.relid, -1 FROM pg_catalog.pg_partition_ancestors(c.oid) AS u
                          WHERE u.relid <> c.oid) AS t
      JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = t.relid
      JOIN pg_catalog.pg_attribute a ON a.attrelid = t.relid AND a.attname = p_column
                                    AND (a.attnum = ANY (pt.partattrs::pg_catalog.int2[])
                                         OR (pt.partexprs IS NOT NULL
                                             AND pg_catalog.pg_get_partkeydef(t.relid) OPERATOR(pg_catalog.~)
                                                 ('(^|[^A-Za-z0-9_$"])'
                                                  || pg_catalog.regexp_replace(pg_catalog.quote_ident(p_column),
                                                                               '([.^$*+?()\[\]{}|\\])', '\\\1', 'g')
                                                  || '($|[^A-Za-z0-9_$"])')))
     WHERE n.nspname = p_schema
     ORDER BY t.level
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.rule_partition_key(name, name, name) IS
    'pgscrub: the partitioned table whose partition key holds the column (masking it would move rows), or NULL';
