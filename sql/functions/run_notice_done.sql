-- The NOTICE psql users see when a table is done: rows, time, speed and method.
CREATE OR REPLACE FUNCTION anon.run_notice_done(p_table anon.run_tables)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_seconds numeric := GREATEST(pg_catalog.date_part('epoch', p_table.finished_at - p_table.started_at)::numeric, 0.001);
BEGIN
    RAISE NOTICE 'pgscrub: %.% masked: % rows in % s (% rows/s, %)',
        pg_catalog.quote_ident(p_table.schema_name), pg_catalog.quote_ident(p_table.table_name),
        p_table.rows_done, pg_catalog.round(v_seconds, 1), pg_catalog.round(p_table.rows_done / v_seconds),
        p_table.method;
END
$$;
COMMENT ON FUNCTION anon.run_notice_done(anon.run_tables) IS
    'pgscrub: NOTICE that a table is masked, with rows, seconds, rows/s and method';
