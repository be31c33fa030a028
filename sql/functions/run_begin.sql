-- Start a masking run, or resume the unfinished one: checks the secret and unclassified
-- columns, takes the run lock, and records the plan (anon.plan_run) in the ledger.
-- Resuming keeps the run's mode and what is already done; a table whose rows are
-- partly masked must be finished with the same statement, so its rules may not have
-- changed (then restore the database and start again). p_jobs splits big batched tables
-- into that many key ranges. p_tables limits a new run to these tables (anon.run_table).
-- Returns the run id, with the lock held by this session (anon.run_finish releases it);
-- NULL, with a NOTICE and no run recorded, when there is nothing to mask.
CREATE OR REPLACE FUNCTION anon.run_begin(p_mode text DEFAULT 'rewrite', p_batch_size integer DEFAULT 10000,
                                          p_jobs integer DEFAULT 1, p_tables regclass[] DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_took boolean;
    v_run anon.runs;
    v_plan record;
    v_existing anon.run_tables;
    v_planned oid[] := '{}';
    v_scope oid[];
    v_sha text;
BEGIN
    IF p_batch_size IS NULL OR p_batch_size < 1 OR p_jobs IS NULL OR p_jobs < 1 THEN
        RAISE EXCEPTION 'batch size and jobs must be 1 or more (got % and %)', p_batch_size, p_jobs
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM anon.require_secret();
    PERFORM anon.check_pending();
    v_took := anon.run_lock();
    BEGIN
        SELECT pg_catalog.array_agg(l.relid) INTO v_scope
          FROM pg_catalog.unnest(p_tables) AS p(tab) CROSS JOIN LATERAL anon.plan_leaves(p.tab) AS l(relid);
        SELECT * INTO v_run FROM anon.runs r WHERE r.status IN ('running', 'failed')
         ORDER BY r.run_id DESC LIMIT 1 FOR UPDATE;
        IF FOUND THEN
            IF p_tables IS NOT NULL AND NOT EXISTS (SELECT FROM anon.run_tables t
                                                     WHERE t.run_id = v_run.run_id AND t.relid = ANY (v_scope)) THEN
                RAISE EXCEPTION 'masking run % is not finished', v_run.run_id
                    USING ERRCODE = 'object_not_in_prerequisite_state',
                          HINT = 'CALL anon.run_all() finishes it first (SELECT * FROM anon.progress shows what is left)';
            END IF;
            IF v_run.mode <> p_mode OR v_run.batch_size <> p_batch_size THEN
                RAISE NOTICE 'pgscrub: run % resumes with its own mode % and batch size %',
                    v_run.run_id, v_run.mode, v_run.batch_size;
            END IF;
            PERFORM anon.require_run_secret(v_run.run_id);
            RAISE NOTICE 'pgscrub: resuming masking run % (started %)', v_run.run_id, v_run.started_at;
            UPDATE anon.runs r SET status = 'running', error = NULL WHERE r.run_id = v_run.run_id;
            UPDATE anon.run_tables t
               SET status = CASE WHEN t.started_at IS NULL THEN 'pending' ELSE 'running' END, error = NULL
             WHERE t.run_id = v_run.run_id AND t.status = 'failed';
        ELSE
            PERFORM anon.require_run_secret(NULL);
            IF pg_catalog.to_regprocedure('anon.rules_sha256()') IS NOT NULL THEN
                EXECUTE 'SELECT anon.rules_sha256()' INTO v_sha;
            END IF;
            INSERT INTO anon.runs (mode, batch_size, pgscrub_version, rules_sha256, secret_check)
            VALUES (p_mode, p_batch_size, (SELECT i.version FROM anon.installation i), v_sha, anon.secret_check())
            RETURNING * INTO v_run;
        END IF;

        FOR v_plan IN SELECT * FROM anon.plan_run(v_run.mode, p_tables) LOOP
            v_planned := v_planned || v_plan.relid;
            SELECT * INTO v_existing FROM anon.run_tables t
             WHERE t.run_id = v_run.run_id AND t.relid = v_plan.relid FOR UPDATE;
            IF FOUND THEN
                IF v_existing.masking_sql = v_plan.masking_sql THEN
                    UPDATE anon.run_tables t SET "position" = v_plan."position"
                     WHERE t.run_id = v_run.run_id AND t.relid = v_plan.relid;
                    CONTINUE;
                END IF;
                IF v_existing.masked_at IS NOT NULL OR EXISTS (
                        SELECT FROM anon.run_ranges g
                         WHERE (g.run_id, g.schema_name, g.table_name)
                             = (v_run.run_id, v_existing.schema_name, v_existing.table_name)
                           AND g.last_key IS NOT NULL) THEN
                    RAISE EXCEPTION 'the rules of % changed while run % was masking it', v_plan.relid::pg_catalog.regclass,
                        v_run.run_id
                        USING ERRCODE = 'object_not_in_prerequisite_state',
                              HINT = 'part of its rows are masked with the old rules: put the rules back as they were '
                                  || 'to finish this run, or restore the database and start again';
                END IF;
                DELETE FROM anon.run_examples e
                 WHERE (e.run_id, e.schema_name, e.table_name)
                     = (v_run.run_id, v_existing.schema_name, v_existing.table_name);
                DELETE FROM anon.run_tables t WHERE t.run_id = v_run.run_id AND t.relid = v_plan.relid;
            END IF;
            INSERT INTO anon.run_tables (run_id, schema_name, table_name, "position", rows_total, relid, method,
                                         method_reason, columns, attnums, key_columns, masking_sql)
            VALUES (v_run.run_id, v_plan.schema_name, v_plan.table_name, v_plan."position", v_plan.rows_total,
                    v_plan.relid, v_plan.method, v_plan.reason, v_plan.columns, v_plan.attnums,
                    v_plan.key_columns, v_plan.masking_sql);
            IF v_plan.method <> 'rewrite' THEN
                PERFORM anon.run_split_ranges(v_run.run_id, v_plan.relid, p_jobs, v_run.batch_size);
            END IF;
        END LOOP;

        IF pg_catalog.cardinality(v_planned) = 0 AND NOT EXISTS (
                SELECT FROM anon.run_tables t WHERE t.run_id = v_run.run_id) THEN
            RAISE NOTICE 'pgscrub: nothing to mask: no table has a reviewed rule left to apply';
            DELETE FROM anon.runs r WHERE r.run_id = v_run.run_id;
            IF v_took THEN
                PERFORM anon.run_unlock();
            END IF;
            RETURN NULL;
        END IF;
        -- tables of this run the plan no longer covers (their rules went, or the table)
        UPDATE anon.run_tables t
           SET status = 'skipped', error = 'no longer planned: no reviewed rule left to apply, or the table is gone'
         WHERE t.run_id = v_run.run_id AND t.status NOT IN ('done', 'skipped')
           AND NOT t.relid = ANY (v_planned)
           AND (p_tables IS NULL OR t.relid = ANY (v_scope));
    EXCEPTION
        WHEN OTHERS THEN
            IF v_took THEN
                PERFORM anon.run_unlock();
            END IF;
            RAISE;
    END;
    RETURN v_run.run_id;
END
$$;
COMMENT ON FUNCTION anon.run_begin(text, integer, integer, regclass[]) IS
    'pgscrub: start or resume a masking run: checks, run lock, plan recorded in the ledger; returns the run id';
