-- Entry points (scan, run_all, validate) call this once before touching data: it checks
-- that the masking secret is set for this session only, and long enough, and explains
-- what to do when it is not. The secret itself is never stored or returned.
CREATE OR REPLACE FUNCTION anon.require_secret()
RETURNS void
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_secret text := pg_catalog.current_setting('anon.secret', true);
BEGIN
    -- A value saved with ALTER DATABASE/ROLE ... SET is readable by every user who can
    -- connect (pg_db_role_setting): refuse it even if this session overrides it.
    IF EXISTS (SELECT FROM pg_catalog.pg_db_role_setting s, pg_catalog.unnest(s.setconfig) AS c(setting)
                WHERE c.setting LIKE 'anon.secret=%') THEN
        RAISE EXCEPTION 'the masking secret is stored in the catalog (ALTER DATABASE/ROLE ... SET anon.secret)'
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'remove it with ALTER DATABASE ... RESET anon.secret / ALTER ROLE ... RESET anon.secret, '
                      || 'then pass it per session: PGOPTIONS=''-c anon.secret=...'' or PGSCRUB_SECRET for the CLI';
    END IF;
    IF v_secret IS NULL OR v_secret = '' THEN
        RAISE EXCEPTION 'no masking secret in this session'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'connect with PGOPTIONS=''-c anon.secret=...'' (psql) or set PGSCRUB_SECRET / --secret-file (pgscrub); '
                      || 'SET anon.secret works too but is written to the server log when log_statement is on';
    END IF;
    IF pg_catalog.length(v_secret) < 16 THEN
        RAISE EXCEPTION 'the masking secret is shorter than 16 characters'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'use a random secret of 32 characters or more (openssl rand -base64 32)';
    END IF;
    -- A secret in postgresql.conf is stored on the server too. pg_file_settings is readable
    -- by superusers and pg_read_all_settings only; others cannot check, and cannot set it.
    -- (Nested: PL/pgSQL plans the whole condition, so an AND would still read the view.)
    IF pg_catalog.has_table_privilege('pg_catalog.pg_file_settings', 'SELECT') THEN
        IF EXISTS (SELECT FROM pg_catalog.pg_file_settings f WHERE f.name = 'anon.secret') THEN
            RAISE EXCEPTION 'the masking secret is stored in the server configuration'
                USING ERRCODE = 'insufficient_privilege',
                      HINT = 'remove anon.secret from postgresql.conf (or included files) and pass it per session';
        END IF;
    END IF;
END
$$;
COMMENT ON FUNCTION anon.require_secret() IS
    'pgscrub: raise a clear error unless the masking secret is set for this session only (16+ characters)';
