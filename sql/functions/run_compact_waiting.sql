-- Compact a masked table (anon.run_compact), waiting up to p_wait_seconds for the
-- sessions that may still see its old row versions to end, with a NOTICE every 10 s.
-- Raises, naming them, when they do not: the run stays resumable at the compaction.
CREATE OR REPLACE FUNCTION anon.run_compact_waiting(p_run_id bigint, p_relid oid, p_wait_seconds integer)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_blockers text[];
    v_waited integer := 0;
BEGIN
    LOOP
        v_blockers := anon.run_compact(p_run_id, p_relid);
        EXIT WHEN pg_catalog.cardinality(v_blockers) = 0;
        IF v_waited >= p_wait_seconds THEN
            RAISE EXCEPTION 'cannot compact %: % still see the rows as they were before masking',
                p_relid::pg_catalog.regclass, pg_catalog.array_to_string(v_blockers, ', ')
                USING ERRCODE = 'lock_not_available',
                      HINT = 'rewriting the table now would copy the original values; end those sessions '
                          || '(pg_terminate_backend) or transactions, then CALL anon.run_all() to finish';
        END IF;
        IF v_waited % 10 = 0 THEN
            RAISE NOTICE 'pgscrub: % is masked; waiting for % before compacting it',
                p_relid::pg_catalog.regclass, pg_catalog.array_to_string(v_blockers, ', ');
        END IF;
        PERFORM pg_catalog.pg_sleep(1);
        v_waited := v_waited + 1;
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.run_compact_waiting(bigint, oid, integer) IS
    'pgscrub: compact a masked table, waiting a while for sessions that still see its old rows';
