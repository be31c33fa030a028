-- Deploy ledger:users_view to pg
-- requires: users
-- requires: rename_phone

BEGIN;

DROP MATERIALIZED VIEW ledger.customer_list;

CREATE MATERIALIZED VIEW ledger.customer_list AS
SELECT u.id, u.first_name, u.last_name, u.email, u.mobile_phone AS phone
  FROM ledger.users u;

COMMIT;
