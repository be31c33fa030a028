-- One sampling pass over a table (or partitioned table, or materialized view) for the
-- scan: reads up to p_rows rows, with one query for the given columns, into the scan's
-- working table. Rows go in a seeded pseudo-random order (a hash of the values read), then
-- each column keeps its first p_sample_size non-empty values, so the values of one row
-- stay together (a first and a last name of the same person). Tables the planner
-- estimates (reltuples, or the size when never analysed) at more than p_rows rows are
-- read through TABLESAMPLE SYSTEM sized for p_rows rows, REPEATABLE with a seed from
-- the table's name: the same database gives the same sample, run after run. With
-- p_skip_empty, only rows where one of the columns is not NULL count towards p_rows (the
-- second pass for sparse columns). Row numbers start after p_row_offset.
-- Returns the rows read and the values kept, and whether the table was read whole.
CREATE OR REPLACE FUNCTION anon.scan_sample_pass(p_relid oid, p_attnums smallint[], p_rows bigint,
                                                  p_sample_size integer, p_row_offset bigint, p_skip_empty boolean,
                                                  OUT rows_read bigint, OUT kept bigint, OUT read_whole boolean)
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_columns text;
    v_unpivot text;
    v_not_empty text;
    v_estimate float8;
    v_sample text := '';
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.format('%s AS c%s',
               anon.scan_sample_expression(pg_catalog.format('t.%I', c.column_name), c.category), c.attnum),
               ', ' ORDER BY c.attnum),
           pg_catalog.string_agg(pg_catalog.format('(%s::pg_catalog.int2, %L, s.c%s)', c.attnum, c.category, c.attnum),
               ', ' ORDER BY c.attnum),
           pg_catalog.string_agg(pg_catalog.format('t.%I IS NOT NULL', c.column_name), ' OR ' ORDER BY c.attnum)
      INTO v_columns, v_unpivot, v_not_empty
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.relid = p_relid AND c.attnum = ANY (p_attnums);
    rows_read := 0;
    kept := 0;
    read_whole := true;
    IF v_columns IS NULL THEN
        RETURN;
    END IF;

    -- Rows on disk, from the statistics (or the size, when never analysed), summed over
    -- the partitions of a partitioned table.
    SELECT pg_catalog.sum(CASE WHEN k.reltuples >= 0 THEN k.reltuples
                               ELSE pg_catalog.pg_relation_size(k.oid) / 8192.0 * 50 END)
      INTO v_estimate
      FROM pg_catalog.pg_partition_tree(p_relid::regclass) AS p
      JOIN pg_catalog.pg_class k ON k.oid = p.relid
     WHERE p.isleaf;
    IF v_estimate > p_rows THEN
        v_sample := pg_catalog.format(' TABLESAMPLE SYSTEM (%s) REPEATABLE (%s)',
                        pg_catalog.round((100.0 * p_rows / v_estimate)::numeric, 6),
                        pg_catalog.hashtext(p_relid::regclass::text));
    END IF;

    LOOP
        EXECUTE pg_catalog.format($sql$
            WITH s AS (
                SELECT %8$s + pg_catalog.row_number() OVER (ORDER BY pg_catalog.hashtext(r::pg_catalog.text), r::pg_catalog.text) AS row_no,
                       r.*
                  FROM (SELECT %2$s FROM %3$s AS t%4$s%9$s LIMIT %5$s) AS r
            ), kept AS (
                INSERT INTO pg_temp.pgscrub_scan_values (relid, attnum, category, row_no, value)
                SELECT %1$s, v.attnum, v.category, v.row_no, v.value
                  FROM (SELECT s.row_no, x.attnum, x.category, x.value,
                               pg_catalog.row_number() OVER (PARTITION BY x.attnum ORDER BY s.row_no) AS pick
                          FROM s
                         CROSS JOIN LATERAL (VALUES %6$s) AS x(attnum, category, value)
                         WHERE x.value IS NOT NULL AND x.value OPERATOR(pg_catalog.<>) '') AS v
                 WHERE v.pick <= %7$s
                RETURNING 1)
            SELECT (SELECT pg_catalog.count(*) FROM s), (SELECT pg_catalog.count(*) FROM kept)$sql$,
            p_relid, v_columns, p_relid::regclass, v_sample, p_rows, v_unpivot, p_sample_size, p_row_offset,
            CASE WHEN p_skip_empty THEN ' WHERE ' || v_not_empty ELSE '' END)
          INTO rows_read, kept;
        -- A block sample can come back empty on a table whose estimate is stale or
        -- whose rows are few and wide: read its first rows instead.
        EXIT WHEN rows_read > 0 OR v_sample = '' OR p_skip_empty;
        v_sample := '';
    END LOOP;
    read_whole := v_sample = '' AND rows_read < p_rows;
END
$$;
COMMENT ON FUNCTION anon.scan_sample_pass(oid, smallint[], bigint, integer, bigint, boolean) IS
    'pgscrub: one seeded sampling pass over some columns of a table into the scan''s working table';
