BEGIN;

-- Running upgrade 07b5c2e9d1fa -> 5e9f3a7b6c21

ALTER TABLE users ADD COLUMN backup_email VARCHAR(255);

ALTER TABLE users ADD COLUMN backup_email_verified_at TIMESTAMP WITH TIME ZONE;

UPDATE alembic_version SET version_num='5e9f3a7b6c21' WHERE alembic_version.version_num = '07b5c2e9d1fa';

COMMIT;
