-- Revert ledger:users_view from pg

BEGIN;

-- (see deploy/users_view.sql)

COMMIT;
