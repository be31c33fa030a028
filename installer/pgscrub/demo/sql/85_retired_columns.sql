-- Columns retired by past migrations. Dropping a column only marks it dropped in the
-- catalog, as in a production database with years of migrations behind it (the scan and
-- the masking run must skip them). It also brings the schema to the scenario's size:
-- about 300 columns, 22 of them personal data.
ALTER TABLE public.countries DROP COLUMN risk_level, DROP COLUMN phone_prefix;
ALTER TABLE public.currencies DROP COLUMN symbol, DROP COLUMN active;
ALTER TABLE public.exchange_rates DROP COLUMN source;
ALTER TABLE public.plans DROP COLUMN card_limit, DROP COLUMN cashback_bp;
ALTER TABLE public.payment_methods DROP COLUMN fee_bp;
ALTER TABLE public.fee_schedules DROP COLUMN percent_bp, DROP COLUMN effective_to;
ALTER TABLE public.merchant_categories DROP COLUMN high_risk;
ALTER TABLE public.merchants DROP COLUMN risk_level, DROP COLUMN active;
ALTER TABLE public.product_categories DROP COLUMN position;
ALTER TABLE public.products DROP COLUMN weight_grams, DROP COLUMN stock, DROP COLUMN created_at;
ALTER TABLE public.coupons DROP COLUMN max_uses, DROP COLUMN used;
ALTER TABLE public.promotions DROP COLUMN budget_cents, DROP COLUMN active;
ALTER TABLE public.feature_flags DROP COLUMN rollout_pct;
ALTER TABLE public.schema_migrations DROP COLUMN duration_ms;
ALTER TABLE public.users DROP COLUMN risk_score, DROP COLUMN kyc_level;
ALTER TABLE public.user_addresses DROP COLUMN verified;
ALTER TABLE public.user_preferences DROP COLUMN notify_push, DROP COLUMN statement_day;
ALTER TABLE public.kyc_checks DROP COLUMN expires_on, DROP COLUMN score;
ALTER TABLE public.devices DROP COLUMN push_enabled, DROP COLUMN os_version;
ALTER TABLE public.login_events DROP COLUMN method;
ALTER TABLE public.accounts DROP COLUMN interest_rate_bp, DROP COLUMN overdraft_limit_cents;
ALTER TABLE public.beneficiaries DROP COLUMN transfers;
ALTER TABLE public.transfers DROP COLUMN fx_rate, DROP COLUMN scheme;
ALTER TABLE public.ledger_entries DROP COLUMN balance_after;
ALTER TABLE public.cards DROP COLUMN contactless, DROP COLUMN spending_limit_cents;
ALTER TABLE public.card_transactions DROP COLUMN declined_reason;
ALTER TABLE public.subscriptions DROP COLUMN cancelled_at;
ALTER TABLE public.loyalty_accounts DROP COLUMN lifetime_points;
ALTER TABLE public.fraud_alerts DROP COLUMN resolved_at;
ALTER TABLE public.order_status_history DROP COLUMN changed_by;
ALTER TABLE public.shipments DROP COLUMN weight_grams;
ALTER TABLE public.payments DROP COLUMN fee_cents;
ALTER TABLE public.refunds DROP COLUMN processed_at;
ALTER TABLE public.invoices DROP COLUMN tax_cents;
ALTER TABLE public.support_tickets DROP COLUMN channel;
ALTER TABLE public.ticket_events DROP COLUMN agent_id;
ALTER TABLE public.notifications DROP COLUMN attempts;
ALTER TABLE messaging.email_templates DROP COLUMN updated_at;
ALTER TABLE messaging.campaigns DROP COLUMN audience;
ALTER TABLE messaging.email_logs DROP COLUMN clicked_at;
ALTER TABLE messaging.delivery_events DROP COLUMN smtp_code;
ALTER TABLE messaging.push_logs DROP COLUMN latency_ms;
