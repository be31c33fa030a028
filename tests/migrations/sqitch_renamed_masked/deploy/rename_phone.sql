-- Deploy ledger:rename_phone to pg
-- requires: users

BEGIN;

-- The app only ever stored mobile numbers here.
ALTER TABLE ledger.users
    RENAME COLUMN phone TO mobile_phone;

COMMIT;
