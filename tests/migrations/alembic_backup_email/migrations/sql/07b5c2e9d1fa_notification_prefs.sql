BEGIN;

-- Running upgrade a81d4e6f02c3 -> 07b5c2e9d1fa

ALTER TABLE orders RENAME ship_to TO shipping_address;

CREATE TABLE notification_preferences (
    user_id INTEGER NOT NULL, 
    email_opt_in BOOLEAN DEFAULT true NOT NULL, 
    sms_opt_in BOOLEAN DEFAULT false NOT NULL, 
    marketing_consent BOOLEAN DEFAULT false NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (user_id), 
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

UPDATE alembic_version SET version_num='07b5c2e9d1fa' WHERE alembic_version.version_num = 'a81d4e6f02c3';

COMMIT;
