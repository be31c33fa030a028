-- Step 3: CALL anon.run_all() applies every reviewed rule to every table, in
-- foreign-key order, committing as it goes; after a crash or a killed session the same
-- CALL resumes where it stopped. p_mode 'rewrite' (default) rewrites each table once
-- where PostgreSQL allows it and batches the others; 'batched' always updates in
-- batches of p_batch_size rows with short locks. See docs/run.md.
-- (A procedure: it COMMITs, so no SET search_path; everything is qualified by hand.)
CREATE OR REPLACE PROCEDURE anon.run_all(p_mode text DEFAULT 'rewrite', p_batch_size integer DEFAULT 10000)
LANGUAGE plpgsql
AS $$
DECLARE
    v_run bigint;
    v_relid oid;
BEGIN
    v_run := anon.run_begin(p_mode, p_batch_size);
    COMMIT;
    IF v_run IS NULL THEN
        RETURN;
    END IF;
    FOR v_relid IN SELECT t.relid FROM anon.run_pending_tables(v_run) AS t(relid) LOOP
        CALL anon.run_table(v_relid::pg_catalog.regclass, v_run);
    END LOOP;
    CALL anon.run_finish(v_run);
END
$$;
COMMENT ON PROCEDURE anon.run_all(text, integer) IS
    'pgscrub: step 3, mask every table with reviewed rules, in foreign-key order; resumable, one run at a time';
