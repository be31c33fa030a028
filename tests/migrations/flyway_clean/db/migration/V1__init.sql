-- Ledger: accounts and customers
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           citext       NOT NULL UNIQUE,
    email_verified  boolean      NOT NULL DEFAULT false,
    full_name       text         NOT NULL,
    display_name    text,
    phone           varchar(32),
    date_of_birth   date,
    country_code    char(2)      NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX users_created_at_idx ON users (created_at);

COMMENT ON COLUMN users.display_name IS 'shown in the app; nickname or real name';
