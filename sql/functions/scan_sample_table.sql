-- Sample one table (or partitioned table, or materialized view) for the scan, with one
-- query for all of its columns still to classify: rows in random order, then for each
-- column its first p_sample_size non-empty values among up to 20 x p_sample_size rows (so the values of one row stay
-- together: a first and a last name of the same person). Small tables are read whole;
-- large ones through TABLESAMPLE SYSTEM sized from the planner's row estimate, so the
-- cost follows the number of columns, not of rows. Returns how many values it kept.
CREATE OR REPLACE FUNCTION anon.scan_sample_table(p_relid oid, p_sample_size integer)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_rows_wanted bigint := GREATEST(p_sample_size, 1)::bigint * 10;
    v_estimate float8;
    v_columns text;
    v_unpivot text;
    v_sample text := '';
    v_kept bigint;
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.format('%s AS c%s',
               anon.scan_sample_expression(pg_catalog.format('t.%I', c.column_name), c.category), c.attnum),
               ', ' ORDER BY c.attnum),
           pg_catalog.string_agg(pg_catalog.format('(%s::pg_catalog.int2, %L, s.c%s)', c.attnum, c.category, c.attnum),
               ', ' ORDER BY c.attnum)
      INTO v_columns, v_unpivot
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.relid = p_relid AND c.todo AND c.readable AND c.category IS NOT NULL;
    IF v_columns IS NULL THEN
        RETURN 0;
    END IF;

    -- Rows on disk, from the statistics (or the size, when never analysed), summed over
    -- the partitions of a partitioned table.
    SELECT pg_catalog.sum(CASE WHEN k.reltuples >= 0 THEN k.reltuples
                               ELSE pg_catalog.pg_relation_size(k.oid) / 8192.0 * 50 END)
      INTO v_estimate
      FROM pg_catalog.pg_partition_tree(p_relid::regclass) AS p
      JOIN pg_catalog.pg_class k ON k.oid = p.relid
     WHERE p.isleaf;
    IF v_estimate > v_rows_wanted * 2 THEN
        v_sample := pg_catalog.format(' TABLESAMPLE SYSTEM (%s)',
                        pg_catalog.round((100.0 * v_rows_wanted * 2 / v_estimate)::numeric, 6));
    END IF;

    LOOP
        EXECUTE pg_catalog.format($sql$
            INSERT INTO pg_temp.pgscrub_scan_values (relid, attnum, category, row_no, value)
            SELECT %1$s, v.attnum, v.category, v.row_no, v.value
              FROM (SELECT s.row_no, x.attnum, x.category, x.value,
                           pg_catalog.row_number() OVER (PARTITION BY x.attnum ORDER BY s.row_no) AS pick
                      FROM (SELECT pg_catalog.row_number() OVER (ORDER BY pg_catalog.random()) AS row_no, r.*
                              FROM (SELECT %2$s FROM %3$s AS t%4$s LIMIT %5$s) AS r) AS s
                     CROSS JOIN LATERAL (VALUES %6$s) AS x(attnum, category, value)
                     WHERE x.value IS NOT NULL AND x.value OPERATOR(pg_catalog.<>) '') AS v
             WHERE v.pick <= %7$s$sql$,
            p_relid, v_columns, p_relid::regclass, v_sample, v_rows_wanted * 2, v_unpivot, p_sample_size);
        GET DIAGNOSTICS v_kept = ROW_COUNT;
        -- A block sample can come back empty on a table whose estimate is stale or
        -- whose rows are few and wide: read its first rows instead.
        EXIT WHEN v_kept > 0 OR v_sample = '';
        v_sample := '';
    END LOOP;
    RETURN v_kept;
END
$$;
COMMENT ON FUNCTION anon.scan_sample_table(oid, integer) IS
    'pgscrub: sample the columns to classify of one table into the scan''s working table; returns values kept';
