CREATE TABLE bank_accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    iban        varchar(34) NOT NULL,
    holder_name text NOT NULL,
    currency    char(3) NOT NULL DEFAULT 'EUR',
    is_primary  boolean NOT NULL DEFAULT false
);

ALTER TABLE users ADD COLUMN national_id varchar(20);
