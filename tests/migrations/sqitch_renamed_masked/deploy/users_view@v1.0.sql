-- Deploy ledger:users_view to pg
-- requires: users

BEGIN;

CREATE MATERIALIZED VIEW ledger.customer_list AS
SELECT u.id, u.first_name || ' ' || u.last_name AS customer, u.email, u.phone
  FROM ledger.users u;

COMMIT;
