-- The statement that masks a table, as run and as shown by the dry run. The secret is
-- never in it: the maskers read it from the session (anon.secret_bytes()).
-- rewrite: ALTER TABLE ONLY t ALTER COLUMN c TYPE <its own type> USING <mask>, restoring
--   the storage and compression settings that ALTER COLUMN TYPE resets.
-- keyset:  UPDATE ONLY t SET c = <mask> WHERE key after $1 and up to $2 (text[] keys, NULL: unbounded).
-- ctid:    UPDATE ONLY t SET c = <mask> WHERE ctid in [$1, $2) and the row version is
--   older than the table's start ($3 = age of the start xid), so that a row an earlier
--   batch moved forward is not masked twice.
CREATE OR REPLACE FUNCTION anon.plan_masking_sql(p_table regclass, p_method text, p_attnums smallint[],
                                                 p_expressions text[], p_key_columns name[])
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
BEGIN
    IF p_method = 'rewrite' THEN
        RETURN 'ALTER TABLE ONLY ' || p_table::text || E'\n    '
            || pg_catalog.string_agg(
                   pg_catalog.format('ALTER COLUMN %I TYPE %s%s USING %s', a.attname,
                       pg_catalog.format_type(a.atttypid, a.atttypmod),
                       CASE WHEN a.attcollation <> t.typcollation
                            THEN pg_catalog.format(' COLLATE %I.%I', cn.nspname, co.collname) ELSE '' END,
                       e.expression)
                   || CASE WHEN a.attstorage <> t.typstorage
                           THEN pg_catalog.format(E',\n    ALTER COLUMN %I SET STORAGE %s', a.attname,
                                CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL'
                                                  WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END)
                           ELSE '' END
                   || CASE WHEN a.attcompression <> ''
                           THEN pg_catalog.format(E',\n    ALTER COLUMN %I SET COMPRESSION %s', a.attname,
                                CASE a.attcompression WHEN 'l' THEN 'lz4' ELSE 'pglz' END)
                           ELSE '' END,
                   E',\n    ' ORDER BY e.ord)
          FROM ROWS FROM (pg_catalog.unnest(p_attnums), pg_catalog.unnest(p_expressions)) WITH ORDINALITY AS e(attnum, expression, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = p_table AND a.attnum = e.attnum
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
          LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace;
    END IF;

    RETURN 'UPDATE ONLY ' || p_table::text || E'\n   SET '
        || (SELECT pg_catalog.string_agg(pg_catalog.format('%I = %s', a.attname, e.expression),
                                         E',\n       ' ORDER BY e.ord)
              FROM ROWS FROM (pg_catalog.unnest(p_attnums), pg_catalog.unnest(p_expressions)) WITH ORDINALITY AS e(attnum, expression, ord)
              JOIN pg_catalog.pg_attribute a ON a.attrelid = p_table AND a.attnum = e.attnum)
        || CASE p_method
           WHEN 'keyset' THEN E'\n WHERE ' || anon.plan_key_condition(p_table, p_key_columns)
           ELSE E'\n WHERE ctid >= $1 AND ctid < $2 AND pg_catalog.age(xmin) > $3'
           END;
END
$$;
COMMENT ON FUNCTION anon.plan_masking_sql(regclass, text, smallint[], text[], name[]) IS
    'pgscrub: the ALTER TABLE or UPDATE statement that masks a table (no secret in it)';
