BEGIN;

-- Running upgrade 3f2a1c9d8b7e -> a81d4e6f02c3

CREATE TABLE orders (
    id SERIAL NOT NULL, 
    user_id INTEGER NOT NULL, 
    total NUMERIC(12, 2) NOT NULL, 
    currency VARCHAR(3) NOT NULL, 
    ship_to TEXT, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_orders_user_id ON orders (user_id);

UPDATE alembic_version SET version_num='a81d4e6f02c3' WHERE alembic_version.version_num = '3f2a1c9d8b7e';

COMMIT;
