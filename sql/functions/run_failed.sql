-- Record that a step of a run failed, in the ledger (table and run status 'failed', with
-- the error), and return the message to raise again. The run stays resumable: what was
-- committed before the failure is kept. Only the primary message is kept, never the
-- DETAIL (PostgreSQL puts row values there, such as "Failing row contains (...)"), and
-- quoted values in data-error messages (class 22: invalid input syntax for type
-- integer: "...") are blanked.
CREATE OR REPLACE FUNCTION anon.run_failed(p_run_id bigint, p_relid oid, p_sqlstate text, p_message text)
RETURNS text
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_message text := CASE WHEN p_sqlstate LIKE '22%'
                           THEN pg_catalog.regexp_replace(p_message, '"[^"]*"', '"..."', 'g')
                           ELSE p_message END;
BEGIN
    IF p_relid IS NOT NULL THEN
        v_message := pg_catalog.format('masking %s failed: %s', p_relid::pg_catalog.regclass, v_message);
        UPDATE anon.run_tables t
           SET status = 'failed', error = pg_catalog.format('%s (SQLSTATE %s)', v_message, p_sqlstate)
         WHERE t.run_id = p_run_id AND t.relid = p_relid AND t.status <> 'done';
    END IF;
    UPDATE anon.runs r
       SET status = 'failed', error = pg_catalog.format('%s (SQLSTATE %s)', v_message, p_sqlstate)
     WHERE r.run_id = p_run_id AND r.status = 'running';
    RETURN v_message;
END
$$;
COMMENT ON FUNCTION anon.run_failed(bigint, oid, text, text) IS
    'pgscrub: record a failed step in the ledger (no row values) and return the message to raise';
