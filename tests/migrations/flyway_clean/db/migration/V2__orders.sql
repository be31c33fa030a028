CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'refunded');

CREATE TABLE orders (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES users (id),
    status           order_status NOT NULL DEFAULT 'pending',
    amount_cents     bigint NOT NULL CHECK (amount_cents >= 0),
    shipping_address text,
    placed_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE support_tickets (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint REFERENCES users (id),
    subject    text NOT NULL,
    body       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
