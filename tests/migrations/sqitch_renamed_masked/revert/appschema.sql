-- Revert ledger:appschema from pg

BEGIN;

-- (see deploy/appschema.sql)

COMMIT;
