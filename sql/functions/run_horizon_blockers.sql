-- What may still see row versions older than transaction p_xid: other sessions of this
-- database whose snapshot or transaction started before it, prepared transactions and
-- replication slots holding it back. While any does, VACUUM FULL / CLUSTER must keep
-- the pre-masking row versions (they are only "recently dead"), so compaction waits.
-- Lazy VACUUM workers do not count (PostgreSQL ignores them for this horizon too).
-- Returns a description of each, or an empty array.
CREATE OR REPLACE FUNCTION anon.run_horizon_blockers(p_xid xid8)
RETURNS text[]
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_limit integer := pg_catalog.age(p_xid::pg_catalog.xid);
BEGIN
    PERFORM pg_catalog.pg_stat_clear_snapshot();
    RETURN ARRAY(
        SELECT pg_catalog.format('session pid %s (%s, %s)', a.pid, COALESCE(a.usename, a.backend_type),
                                 COALESCE(a.application_name, ''))
          FROM pg_catalog.pg_stat_activity a
         WHERE a.datname = pg_catalog.current_database()
           AND a.pid <> pg_catalog.pg_backend_pid()
           AND (pg_catalog.age(a.backend_xmin) >= v_limit OR pg_catalog.age(a.backend_xid) >= v_limit)
           AND NOT (a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: VACUUM %'
                    AND a.query NOT LIKE '%ANALYZE%')
        UNION ALL
        SELECT pg_catalog.format('prepared transaction %L', p.gid)
          FROM pg_catalog.pg_prepared_xacts p
         WHERE p.database = pg_catalog.current_database() AND pg_catalog.age(p.transaction) >= v_limit
        UNION ALL
        SELECT pg_catalog.format('replication slot %L', s.slot_name)
          FROM pg_catalog.pg_replication_slots s
         WHERE pg_catalog.age(s.xmin) >= v_limit);
END
$$;
COMMENT ON FUNCTION anon.run_horizon_blockers(xid8) IS
    'pgscrub: sessions, prepared transactions and slots that may still see row versions older than a transaction';
