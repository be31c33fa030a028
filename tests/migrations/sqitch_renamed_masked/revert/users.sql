-- Revert ledger:users from pg

BEGIN;

DROP TABLE ledger.users;

COMMIT;
