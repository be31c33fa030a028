CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX support_tickets_user_id_idx ON support_tickets (user_id);
