-- The support team calls it the message, not the body.
ALTER TABLE support_tickets RENAME COLUMN body TO message;

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_name  text NOT NULL,
    actor_email citext NOT NULL,
    action      text NOT NULL,
    client_ip   inet,
    metadata    jsonb NOT NULL DEFAULT '{}',
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id),
    recipient  citext NOT NULL,
    channel    text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    sent_at    timestamptz
);
