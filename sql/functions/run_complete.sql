-- Close a run once every table is masked and compacted: verify the foreign keys with
-- masked columns, refresh the materialized views that read masked tables, and mark the
-- run 'masked' (validation sets clean or missed later). Returns false, with a NOTICE,
-- when tables are left (anon.run_table of one table of an unfinished run).
CREATE OR REPLACE FUNCTION anon.run_complete(p_run_id bigint)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_left text;
    v_masked_at timestamptz;
    v_keys_at timestamptz;
    v_keys integer;
    v_views integer;
    v_run anon.runs;
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.format('%I.%I', t.schema_name, t.table_name), ', ' ORDER BY t."position")
      INTO v_left
      FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.status NOT IN ('done', 'skipped');
    IF v_left IS NOT NULL THEN
        RAISE NOTICE 'pgscrub: masking run % is not finished; left: %', p_run_id, v_left
            USING HINT = 'CALL anon.run_all() finishes it';
        RETURN false;
    END IF;
    v_masked_at := pg_catalog.clock_timestamp();
    v_keys := anon.run_check_foreign_keys(p_run_id);
    v_keys_at := pg_catalog.clock_timestamp();
    v_views := anon.run_refresh_matviews(p_run_id);
    PERFORM anon.run_record_samples(p_run_id);
    UPDATE anon.runs r
       SET status = 'masked', finished_at = pg_catalog.clock_timestamp(), error = NULL,
           rows_processed = (SELECT COALESCE(pg_catalog.sum(t.rows_done), 0) FROM anon.run_tables t
                              WHERE t.run_id = p_run_id),
           steps = r.steps || pg_catalog.jsonb_build_object(
               'mask', pg_catalog.round(pg_catalog.date_part('epoch', v_masked_at - r.started_at)::numeric, 3),
               -- part of 'mask': the fingerprints of the originals taken before each table changed
               'capture', (SELECT COALESCE(pg_catalog.sum(c.seconds), 0) FROM anon.fingerprint_captures c
                            WHERE c.run_id = p_run_id),
               'check_foreign_keys', pg_catalog.round(pg_catalog.date_part('epoch', v_keys_at - v_masked_at)::numeric, 3),
               'refresh_matviews', pg_catalog.round(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() - v_keys_at)::numeric, 3))
     WHERE r.run_id = p_run_id
    RETURNING * INTO v_run;
    RAISE NOTICE 'pgscrub: masking run % done: % rows in % tables, % s; % foreign keys verified, % materialized views refreshed',
        p_run_id, v_run.rows_processed,
        (SELECT pg_catalog.count(*) FROM anon.run_tables t WHERE t.run_id = p_run_id AND t.status = 'done'),
        pg_catalog.round(pg_catalog.date_part('epoch', v_run.finished_at - v_run.started_at)::numeric, 1),
        v_keys, v_views;
    RETURN true;
END
$$;
COMMENT ON FUNCTION anon.run_complete(bigint) IS
    'pgscrub: verify keys, refresh materialized views and mark a fully masked run; false when tables are left';
