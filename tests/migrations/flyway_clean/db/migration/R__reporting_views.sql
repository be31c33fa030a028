CREATE OR REPLACE VIEW order_totals AS
SELECT user_id, count(*) AS orders, sum(amount_cents) AS total_cents
FROM orders
GROUP BY user_id;

DROP MATERIALIZED VIEW IF EXISTS daily_signups;
CREATE MATERIALIZED VIEW daily_signups AS
SELECT date_trunc('day', created_at) AS day, count(*) AS signups, min(email) AS first_email
FROM users
GROUP BY 1;
