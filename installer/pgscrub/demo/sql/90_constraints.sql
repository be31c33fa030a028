-- Keys after the load, as a restore adds them: primary keys, the unique email, foreign
-- keys between the tables, indexes on the foreign keys that matter, materialized views.
ALTER TABLE public.countries ADD PRIMARY KEY (code);
ALTER TABLE public.currencies ADD PRIMARY KEY (code);
ALTER TABLE public.exchange_rates ADD PRIMARY KEY (id);
ALTER TABLE public.plans ADD PRIMARY KEY (id);
ALTER TABLE public.payment_methods ADD PRIMARY KEY (id);
ALTER TABLE public.fee_schedules ADD PRIMARY KEY (id);
ALTER TABLE public.merchant_categories ADD PRIMARY KEY (id);
ALTER TABLE public.merchants ADD PRIMARY KEY (id);
ALTER TABLE public.product_categories ADD PRIMARY KEY (id);
ALTER TABLE public.products ADD PRIMARY KEY (id);
ALTER TABLE public.products ADD UNIQUE (sku);
ALTER TABLE public.promotions ADD PRIMARY KEY (id);
ALTER TABLE public.coupons ADD PRIMARY KEY (id);
ALTER TABLE public.feature_flags ADD PRIMARY KEY (key);
ALTER TABLE public.schema_migrations ADD PRIMARY KEY (version);
ALTER TABLE public.users ADD PRIMARY KEY (id);
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE public.user_addresses ADD PRIMARY KEY (id);
ALTER TABLE public.user_preferences ADD PRIMARY KEY (user_id);
ALTER TABLE public.kyc_checks ADD PRIMARY KEY (id);
ALTER TABLE public.devices ADD PRIMARY KEY (id);
ALTER TABLE public.login_events ADD PRIMARY KEY (id);
ALTER TABLE public.accounts ADD PRIMARY KEY (id);
ALTER TABLE public.accounts ADD UNIQUE (public_id);
ALTER TABLE public.beneficiaries ADD PRIMARY KEY (id);
ALTER TABLE public.transfers ADD PRIMARY KEY (id);
ALTER TABLE public.ledger_entries ADD PRIMARY KEY (id);
ALTER TABLE public.cards ADD PRIMARY KEY (id);
ALTER TABLE public.card_transactions ADD PRIMARY KEY (id);
ALTER TABLE public.subscriptions ADD PRIMARY KEY (id);
ALTER TABLE public.loyalty_accounts ADD PRIMARY KEY (user_id);
ALTER TABLE public.fraud_alerts ADD PRIMARY KEY (id);
ALTER TABLE public.orders ADD PRIMARY KEY (id);
ALTER TABLE public.order_items ADD PRIMARY KEY (order_id, line_no);
ALTER TABLE public.order_status_history ADD PRIMARY KEY (id);
ALTER TABLE public.shipments ADD PRIMARY KEY (id);
ALTER TABLE public.payments ADD PRIMARY KEY (id);
ALTER TABLE public.refunds ADD PRIMARY KEY (id);
ALTER TABLE public.invoices ADD PRIMARY KEY (id);
ALTER TABLE public.invoices ADD UNIQUE (invoice_number);
ALTER TABLE public.support_tickets ADD PRIMARY KEY (id);
ALTER TABLE public.ticket_events ADD PRIMARY KEY (id);
ALTER TABLE public.audit_log ADD PRIMARY KEY (id);
ALTER TABLE public.notifications ADD PRIMARY KEY (id);
ALTER TABLE messaging.email_templates ADD PRIMARY KEY (id);
ALTER TABLE messaging.campaigns ADD PRIMARY KEY (id);
ALTER TABLE messaging.email_logs ADD PRIMARY KEY (id);
ALTER TABLE messaging.delivery_events ADD PRIMARY KEY (id);
ALTER TABLE messaging.push_logs ADD PRIMARY KEY (id);

ALTER TABLE public.countries ADD FOREIGN KEY (currency) REFERENCES public.currencies;
ALTER TABLE public.exchange_rates ADD FOREIGN KEY (quote_currency) REFERENCES public.currencies;
ALTER TABLE public.fee_schedules ADD FOREIGN KEY (plan_id) REFERENCES public.plans;
ALTER TABLE public.merchants ADD FOREIGN KEY (category_id) REFERENCES public.merchant_categories;
ALTER TABLE public.merchants ADD FOREIGN KEY (country_code) REFERENCES public.countries;
ALTER TABLE public.product_categories ADD FOREIGN KEY (parent_id) REFERENCES public.product_categories;
ALTER TABLE public.products ADD FOREIGN KEY (category_id) REFERENCES public.product_categories;
ALTER TABLE public.coupons ADD FOREIGN KEY (promotion_id) REFERENCES public.promotions;
ALTER TABLE public.users ADD FOREIGN KEY (country_code) REFERENCES public.countries;
ALTER TABLE public.users ADD FOREIGN KEY (plan_id) REFERENCES public.plans;
ALTER TABLE public.user_addresses ADD FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;
ALTER TABLE public.user_preferences ADD FOREIGN KEY (user_id) REFERENCES public.users ON DELETE CASCADE;
ALTER TABLE public.kyc_checks ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.devices ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.login_events ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.login_events ADD FOREIGN KEY (device_id) REFERENCES public.devices;
ALTER TABLE public.accounts ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.beneficiaries ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.transfers ADD FOREIGN KEY (account_id) REFERENCES public.accounts;
ALTER TABLE public.transfers ADD FOREIGN KEY (beneficiary_id) REFERENCES public.beneficiaries;
ALTER TABLE public.ledger_entries ADD FOREIGN KEY (account_id) REFERENCES public.accounts;
ALTER TABLE public.ledger_entries ADD FOREIGN KEY (transfer_id) REFERENCES public.transfers;
ALTER TABLE public.cards ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.cards ADD FOREIGN KEY (account_id) REFERENCES public.accounts;
ALTER TABLE public.card_transactions ADD FOREIGN KEY (card_id) REFERENCES public.cards;
ALTER TABLE public.card_transactions ADD FOREIGN KEY (merchant_id) REFERENCES public.merchants;
ALTER TABLE public.subscriptions ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.subscriptions ADD FOREIGN KEY (plan_id) REFERENCES public.plans;
ALTER TABLE public.loyalty_accounts ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.fraud_alerts ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.orders ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.orders ADD FOREIGN KEY (coupon_id) REFERENCES public.coupons;
ALTER TABLE public.orders ADD FOREIGN KEY (payment_method_id) REFERENCES public.payment_methods;
ALTER TABLE public.order_items ADD FOREIGN KEY (order_id) REFERENCES public.orders ON DELETE CASCADE;
ALTER TABLE public.order_items ADD FOREIGN KEY (product_id) REFERENCES public.products;
ALTER TABLE public.order_status_history ADD FOREIGN KEY (order_id) REFERENCES public.orders;
ALTER TABLE public.shipments ADD FOREIGN KEY (order_id) REFERENCES public.orders;
ALTER TABLE public.payments ADD FOREIGN KEY (order_id) REFERENCES public.orders;
ALTER TABLE public.payments ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.refunds ADD FOREIGN KEY (payment_id) REFERENCES public.payments;
ALTER TABLE public.invoices ADD FOREIGN KEY (order_id) REFERENCES public.orders;
ALTER TABLE public.support_tickets ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE public.ticket_events ADD FOREIGN KEY (ticket_id) REFERENCES public.support_tickets;
ALTER TABLE public.audit_log ADD FOREIGN KEY (actor_id) REFERENCES public.users;
ALTER TABLE public.notifications ADD FOREIGN KEY (user_id) REFERENCES public.users;
ALTER TABLE messaging.campaigns ADD FOREIGN KEY (template_id) REFERENCES messaging.email_templates;
ALTER TABLE messaging.email_logs ADD FOREIGN KEY (template_id) REFERENCES messaging.email_templates;
ALTER TABLE messaging.email_logs ADD FOREIGN KEY (campaign_id) REFERENCES messaging.campaigns;
ALTER TABLE messaging.delivery_events ADD FOREIGN KEY (email_log_id) REFERENCES messaging.email_logs;
ALTER TABLE messaging.push_logs ADD FOREIGN KEY (device_id) REFERENCES public.devices;
ALTER TABLE messaging.push_logs ADD FOREIGN KEY (template_id) REFERENCES messaging.email_templates;

CREATE INDEX orders_user_id_idx ON public.orders (user_id);
CREATE INDEX payments_order_id_idx ON public.payments (order_id);
CREATE INDEX audit_log_actor_id_idx ON public.audit_log (actor_id);
CREATE INDEX notifications_user_id_idx ON public.notifications (user_id);
CREATE INDEX support_tickets_user_id_idx ON public.support_tickets (user_id);
CREATE INDEX email_logs_recipient_idx ON messaging.email_logs (recipient);

-- Reporting views that a BI tool reads.
CREATE MATERIALIZED VIEW public.daily_order_totals AS
SELECT created_at::date AS day, currency, count(*) AS orders, sum(total_cents) AS total_cents,
       count(*) FILTER (WHERE status = 'cancelled') AS cancelled
  FROM public.orders
 GROUP BY 1, 2;
CREATE MATERIALIZED VIEW messaging.campaign_stats AS
SELECT c.id AS campaign_id, c.name, count(l.id) AS emails, count(l.opened_at) AS opened,
       count(*) FILTER (WHERE l.status = 'bounced') AS bounced
  FROM messaging.campaigns AS c
  LEFT JOIN messaging.email_logs AS l ON l.campaign_id = c.id
 GROUP BY c.id, c.name;
