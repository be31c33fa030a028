CREATE TABLE loyalty_cards (
    id           serial PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customers (id),
    points       integer NOT NULL DEFAULT 0
);

-- A typo that would fail in production too:
ALTER TABLE loyalty_cards ADD COLUM card_number varchar(19);

ALTER TABLE customers ADD COLUMN mobile varchar(32);
