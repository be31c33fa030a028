-- Revert ledger:orders from pg

BEGIN;

-- (see deploy/orders.sql)

COMMIT;
