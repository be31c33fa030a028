-- Revert ledger:rename_phone from pg

BEGIN;

ALTER TABLE ledger.users RENAME COLUMN mobile_phone TO phone;

COMMIT;
