-- Sample one table (or partitioned table, or materialized view) for the scan: the columns
-- still to classify get up to p_sample_size non-empty values each (anon.scan_sample_pass),
-- deterministically for a given database. First pass: one query for all of them among up
-- to 20 x p_sample_size rows (small tables are read whole, large ones through a seeded
-- block sample), so the cost follows the number of columns, not of rows. Sparse columns:
-- when the table was not read whole and a column came back short (1% filled gives ~20
-- values of 2000 rows), a second pass for the short columns only reads the rows where
-- one of them is set, from a sample sized by the sparsest column's fill rate, capped at
-- 50 times the first pass (1000 x p_sample_size rows); a column keeps the pass that found
-- more. Returns how many values were kept.
CREATE OR REPLACE FUNCTION anon.scan_sample_table(p_relid oid, p_sample_size integer)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_first_rows constant bigint := GREATEST(p_sample_size, 1)::bigint * 20;
    v_max_rows constant bigint := v_first_rows * 50;
    v_attnums smallint[];
    v_first record;
    v_short smallint[];
    v_least_kept bigint;
    v_rows bigint;
BEGIN
    SELECT pg_catalog.array_agg(c.attnum ORDER BY c.attnum) INTO v_attnums
      FROM pg_temp.pgscrub_scan_columns c
     WHERE c.relid = p_relid AND c.todo AND c.readable AND c.category IS NOT NULL;
    IF v_attnums IS NULL THEN
        RETURN 0;
    END IF;
    v_first := anon.scan_sample_pass(p_relid, v_attnums, v_first_rows, p_sample_size, 0, false);
    IF v_first.read_whole OR v_first.rows_read = 0 THEN
        RETURN v_first.kept;
    END IF;

    SELECT pg_catalog.array_agg(a.attnum ORDER BY a.attnum), pg_catalog.min(COALESCE(k.n, 0))
      INTO v_short, v_least_kept
      FROM pg_catalog.unnest(v_attnums) AS a(attnum)
      LEFT JOIN (SELECT v.attnum, pg_catalog.count(*) AS n
                   FROM pg_temp.pgscrub_scan_values v WHERE v.relid = p_relid GROUP BY v.attnum) AS k
             ON k.attnum = a.attnum
     WHERE COALESCE(k.n, 0) < p_sample_size;
    IF v_short IS NULL THEN
        RETURN v_first.kept;
    END IF;
    -- Rows to read for p_sample_size values of the sparsest short column, with a margin.
    v_rows := LEAST(v_max_rows, pg_catalog.ceil(v_first.rows_read * 1.5 * p_sample_size / GREATEST(v_least_kept, 1))::bigint);
    IF v_rows <= v_first.rows_read THEN
        RETURN v_first.kept;
    END IF;
    PERFORM anon.scan_sample_pass(p_relid, v_short, v_rows, p_sample_size, v_first.rows_read, true);
    -- Per short column, keep the pass that found more values (row numbers of the second
    -- pass start after the first pass's rows).
    DELETE FROM pg_temp.pgscrub_scan_values v
     USING (SELECT s.attnum,
                   pg_catalog.count(*) FILTER (WHERE s.row_no > v_first.rows_read)
                       > pg_catalog.count(*) FILTER (WHERE s.row_no <= v_first.rows_read) AS second_is_better
              FROM pg_temp.pgscrub_scan_values s
             WHERE s.relid = p_relid AND s.attnum = ANY (v_short)
             GROUP BY s.attnum) AS c
     WHERE v.relid = p_relid AND v.attnum = c.attnum
       AND (v.row_no > v_first.rows_read) <> c.second_is_better;
    RETURN (SELECT pg_catalog.count(*) FROM pg_temp.pgscrub_scan_values v WHERE v.relid = p_relid);
END
$$;
COMMENT ON FUNCTION anon.scan_sample_table(oid, integer) IS
    'pgscrub: sample the columns to classify of one table (seeded; a second pass for sparse columns); returns values kept';
