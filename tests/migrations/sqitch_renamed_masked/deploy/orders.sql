-- Deploy ledger:orders to pg
-- requires: users

BEGIN;

CREATE TABLE ledger.orders (
    id               BIGSERIAL     PRIMARY KEY,
    user_id          BIGINT        NOT NULL REFERENCES ledger.users(id),
    amount           NUMERIC(12,2) NOT NULL,
    shipping_address TEXT          NOT NULL,
    shipped_at       TIMESTAMPTZ
);

COMMIT;
