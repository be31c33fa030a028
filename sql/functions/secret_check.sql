-- requires: keyed_hash.sql
-- A check value of this session's secret: 8 bytes of a keyed hash of a constant, which
-- tells whether two sessions use the same secret and reveals nothing about it. A run
-- records it when it starts; resuming the run or validating it with another secret is
-- refused, because the pseudonyms would differ from the ones already written and the
-- fingerprints of the originals would match nothing (a false "clean").
CREATE OR REPLACE FUNCTION anon.secret_check()
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.substr(anon.keyed_hash('pgscrub-secret-check', ''), 1, 8);
COMMENT ON FUNCTION anon.secret_check() IS
    'pgscrub: 8-byte check value of the session secret (keyed hash of a constant), to refuse a run or validation under another secret';
