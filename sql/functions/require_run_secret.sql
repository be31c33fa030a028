-- Refuses to go on with a run under another secret than the one it started with:
-- resuming would write pseudonyms inconsistent with the rows already masked, and
-- validating would compare the tables with fingerprints taken under another key, find
-- nothing, call the run clean and drop the evidence. Runs recorded before the check
-- value existed (NULL) are not checked.
CREATE OR REPLACE FUNCTION anon.require_run_secret(p_run_id bigint)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_check bytea;
BEGIN
    SELECT r.secret_check INTO v_check FROM anon.runs r WHERE r.run_id = p_run_id;
    IF v_check IS DISTINCT FROM anon.secret_check() AND v_check IS NOT NULL THEN
        RAISE EXCEPTION 'this session''s masking secret is not the one run % was started with', p_run_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'use the same secret (PGSCRUB_SECRET, --secret-file or anon.secret) as the run; '
                      || 'a new secret needs a fresh copy of the database and a new run';
    END IF;
END
$$;
COMMENT ON FUNCTION anon.require_run_secret(bigint) IS
    'pgscrub: raise unless the session secret is the one the run started with (anon.runs.secret_check)';
