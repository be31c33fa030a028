-- Refuses to go on under another secret than the one the run started with: resuming
-- would write pseudonyms inconsistent with the rows already masked, and validating would
-- compare the tables with fingerprints taken under another key, find nothing, call the
-- run clean and drop the evidence. Every run whose fingerprints are still here or whose
-- masked tables still exist (by oid: renamed ones too) counts, for a new run (p_run_id
-- NULL) too: a new run under a new secret would mask new columns inconsistently with the
-- old ones, and its validation would compare the old fingerprints with the wrong key. A fresh
-- restore (pg_restore --clean: new tables) starts over. Runs recorded before the check
-- value existed (NULL) are not checked.
CREATE OR REPLACE FUNCTION anon.require_run_secret(p_run_id bigint)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_run bigint;
BEGIN
    SELECT r.run_id INTO v_run
      FROM anon.runs r
     WHERE r.secret_check IS NOT NULL AND r.secret_check <> anon.secret_check()
       AND (r.run_id = p_run_id
            OR EXISTS (SELECT FROM anon.fingerprints f WHERE f.run_id = r.run_id)
            OR EXISTS (SELECT FROM anon.run_tables t JOIN pg_catalog.pg_class c ON c.oid = t.relid
                        WHERE t.run_id = r.run_id AND t.status = 'done'))
     ORDER BY r.run_id DESC
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'this session''s masking secret is not the one run % used', v_run
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'use the same secret (PGSCRUB_SECRET, --secret-file or anon.secret) as the earlier runs; '
                      || 'a new secret needs a fresh copy of the database (pg_restore --clean) and a new run';
    END IF;
END
$$;
COMMENT ON FUNCTION anon.require_run_secret(bigint) IS
    'pgscrub: raise unless the session secret is the one of the run, and of every run whose fingerprints or masked tables remain';
