-- Deploy ledger:users to pg
-- requires: appschema

BEGIN;

SET search_path TO ledger, public;

CREATE TABLE users (
    id          BIGSERIAL   PRIMARY KEY,
    email       TEXT        NOT NULL UNIQUE,
    first_name  TEXT        NOT NULL,
    last_name   TEXT        NOT NULL,
    phone       VARCHAR(32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

COMMIT;
