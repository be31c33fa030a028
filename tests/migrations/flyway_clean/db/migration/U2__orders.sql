DROP TABLE support_tickets;
DROP TABLE orders;
DROP TYPE order_status;
