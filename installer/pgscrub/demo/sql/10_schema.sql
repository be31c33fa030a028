-- The fintech database of the scenario (../shared/SCENARIO.md): 45 tables in two schemas.
-- Keys, foreign keys and indexes are added after the load (90_constraints.sql), as a
-- restore does. Personal data is listed in ../manifest.json, not in comments here: the
-- scan must find it from the values.

CREATE TYPE public.order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned');
CREATE TYPE public.payment_status AS ENUM ('authorized', 'captured', 'settled', 'failed', 'refunded');
CREATE DOMAIN public.currency_code AS char(3) CHECK (VALUE ~ '^[A-Z]{3}$');

-- reference data ---------------------------------------------------------------------
CREATE TABLE public.countries (
    code          char(2) NOT NULL,
    name          text NOT NULL,
    currency      public.currency_code NOT NULL,
    eu_member     boolean NOT NULL,
    phone_prefix  varchar(5) NOT NULL,
    risk_level    smallint NOT NULL
);
CREATE TABLE public.currencies (
    code           public.currency_code NOT NULL,
    name           text NOT NULL,
    minor_units    smallint NOT NULL,
    active         boolean NOT NULL,
    symbol         varchar(4) NOT NULL
);
CREATE TABLE public.exchange_rates (
    id             bigint NOT NULL,
    base_currency  public.currency_code NOT NULL,
    quote_currency public.currency_code NOT NULL,
    rate           numeric(18,8) NOT NULL,
    valid_on       date NOT NULL,
    source         text NOT NULL
);
CREATE TABLE public.plans (
    id                 int NOT NULL,
    code               text NOT NULL,
    monthly_fee_cents  int NOT NULL,
    currency           public.currency_code NOT NULL,
    card_limit         smallint NOT NULL,
    cashback_bp        smallint NOT NULL,
    active             boolean NOT NULL
);
CREATE TABLE public.payment_methods (
    id          int NOT NULL,
    code        text NOT NULL,
    label       text NOT NULL,
    active      boolean NOT NULL,
    fee_bp      smallint NOT NULL
);
CREATE TABLE public.fee_schedules (
    id              int NOT NULL,
    plan_id         int NOT NULL,
    fee_type        text NOT NULL,
    amount_cents    int NOT NULL,
    percent_bp      smallint NOT NULL,
    currency        public.currency_code NOT NULL,
    effective_from  date NOT NULL,
    effective_to    date
);
CREATE TABLE public.merchant_categories (
    id          int NOT NULL,
    mcc         char(4) NOT NULL,
    label       text NOT NULL,
    high_risk   boolean NOT NULL
);
CREATE TABLE public.merchants (
    id             bigint NOT NULL,
    name           text NOT NULL,
    category_id    int NOT NULL,
    country_code   char(2) NOT NULL,
    onboarded_at   timestamptz NOT NULL,
    risk_level     smallint NOT NULL,
    active         boolean NOT NULL,
    settlement_currency public.currency_code NOT NULL
);
CREATE TABLE public.product_categories (
    id         int NOT NULL,
    parent_id  int,
    slug       text NOT NULL,
    label      text NOT NULL,
    position   smallint NOT NULL
);
CREATE TABLE public.products (
    id            bigint NOT NULL,
    sku           varchar(16) NOT NULL,
    name          text NOT NULL,
    category_id   int NOT NULL,
    price_cents   int NOT NULL CHECK (price_cents >= 0),
    currency      public.currency_code NOT NULL,
    weight_grams  int NOT NULL,
    active        boolean NOT NULL,
    created_at    timestamptz NOT NULL,
    stock         int NOT NULL
);
CREATE TABLE public.coupons (
    id             bigint NOT NULL,
    code           varchar(12) NOT NULL,
    discount_bp    smallint NOT NULL,
    max_uses       int NOT NULL,
    used           int NOT NULL,
    valid_from     date NOT NULL,
    valid_to       date NOT NULL,
    promotion_id   int
);
CREATE TABLE public.promotions (
    id           int NOT NULL,
    code         text NOT NULL,
    channel      text NOT NULL,
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz NOT NULL,
    budget_cents bigint NOT NULL,
    active       boolean NOT NULL
);
CREATE TABLE public.feature_flags (
    key          text NOT NULL,
    enabled      boolean NOT NULL,
    rollout_pct  smallint NOT NULL,
    updated_at   timestamptz NOT NULL,
    description  text NOT NULL
);
CREATE TABLE public.schema_migrations (
    version     varchar(14) NOT NULL,
    applied_at  timestamptz NOT NULL,
    checksum    char(32) NOT NULL,
    duration_ms int NOT NULL
);

-- customers ---------------------------------------------------------------------------
CREATE TABLE public.users (
    id                 bigint NOT NULL,
    email              varchar(254) NOT NULL CHECK (position('@' IN email) > 1),
    phone              varchar(32),
    national_id        varchar(32),
    full_name          text NOT NULL,
    display_name       varchar(64),
    metadata           jsonb NOT NULL DEFAULT '{}',
    country_code       char(2) NOT NULL,
    locale             varchar(5) NOT NULL,
    status             text NOT NULL,
    tier               text NOT NULL,
    plan_id            int NOT NULL,
    kyc_level          smallint NOT NULL,
    risk_score         numeric(5,2) NOT NULL,
    email_verified     boolean NOT NULL,
    marketing_opt_in   boolean NOT NULL,
    preferred_currency public.currency_code NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    last_login_at      timestamptz
);
CREATE TABLE public.user_addresses (
    id            bigint NOT NULL,
    user_id       bigint NOT NULL,
    kind          text NOT NULL,
    line1         text NOT NULL,
    postal_code   varchar(12) NOT NULL,
    country_code  char(2) NOT NULL,
    is_default    boolean NOT NULL,
    verified      boolean NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE TABLE public.user_preferences (
    user_id          bigint NOT NULL,
    language         varchar(5) NOT NULL,
    theme            text NOT NULL,
    notify_email     boolean NOT NULL,
    notify_sms       boolean NOT NULL,
    notify_push      boolean NOT NULL,
    statement_day    smallint NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE TABLE public.kyc_checks (
    id              bigint NOT NULL,
    user_id         bigint NOT NULL,
    provider        text NOT NULL,
    document_type   text NOT NULL,
    reference_code  varchar(32) NOT NULL,
    birth_date      date NOT NULL,
    status          text NOT NULL,
    score           numeric(4,3) NOT NULL,
    checked_at      timestamptz NOT NULL,
    expires_on      date NOT NULL
);
CREATE TABLE public.devices (
    id             bigint NOT NULL,
    user_id        bigint NOT NULL,
    platform       text NOT NULL,
    os_version     varchar(16) NOT NULL,
    app_version    varchar(16) NOT NULL,
    push_enabled   boolean NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL
);
CREATE TABLE public.login_events (
    id           bigint NOT NULL,
    user_id      bigint NOT NULL,
    device_id    bigint,
    ip_address   inet NOT NULL,
    method       text NOT NULL,
    success      boolean NOT NULL,
    country_code char(2) NOT NULL,
    occurred_at  timestamptz NOT NULL
);

-- money -------------------------------------------------------------------------------
CREATE TABLE public.accounts (
    id                     bigint NOT NULL,
    public_id              uuid NOT NULL,
    user_id                bigint NOT NULL,
    account_type           text NOT NULL,
    currency               public.currency_code NOT NULL,
    balance_cents          bigint NOT NULL,
    overdraft_limit_cents  bigint NOT NULL,
    interest_rate_bp       smallint NOT NULL,
    status                 text NOT NULL,
    opened_at              timestamptz NOT NULL,
    closed_at              timestamptz
);
CREATE TABLE public.beneficiaries (
    id            bigint NOT NULL,
    user_id       bigint NOT NULL,
    holder_name   text NOT NULL,
    iban          varchar(42) NOT NULL,
    currency      public.currency_code NOT NULL,
    verified      boolean NOT NULL,
    transfers     int NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE TABLE public.transfers (
    id               bigint NOT NULL,
    account_id       bigint NOT NULL,
    beneficiary_id   bigint NOT NULL,
    amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
    currency         public.currency_code NOT NULL,
    fee_cents        int NOT NULL,
    fx_rate          numeric(18,8),
    status           text NOT NULL,
    scheme           text NOT NULL,
    created_at       timestamptz NOT NULL,
    settled_at       timestamptz
);
CREATE TABLE public.ledger_entries (
    id             bigint NOT NULL,
    account_id     bigint NOT NULL,
    transfer_id    bigint,
    direction      char(1) NOT NULL CHECK (direction IN ('D', 'C')),
    amount_cents   bigint NOT NULL,
    balance_after  bigint NOT NULL,
    entry_type     text NOT NULL,
    booked_at      timestamptz NOT NULL
);
CREATE TABLE public.cards (
    id                    bigint NOT NULL,
    user_id               bigint NOT NULL,
    account_id            bigint NOT NULL,
    cardholder_name       text NOT NULL,
    card_number           varchar(19) NOT NULL,
    brand                 text NOT NULL,
    expiry_month          smallint NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year           smallint NOT NULL,
    status                text NOT NULL,
    spending_limit_cents  bigint NOT NULL,
    contactless           boolean NOT NULL,
    issued_at             timestamptz NOT NULL
);
CREATE TABLE public.card_transactions (
    id              bigint NOT NULL,
    card_id         bigint NOT NULL,
    merchant_id     bigint NOT NULL,
    amount_cents    bigint NOT NULL,
    currency        public.currency_code NOT NULL,
    mcc             char(4) NOT NULL,
    status          text NOT NULL,
    authorized_at   timestamptz NOT NULL,
    captured_at     timestamptz,
    declined_reason text
);
CREATE TABLE public.subscriptions (
    id           bigint NOT NULL,
    user_id      bigint NOT NULL,
    plan_id      int NOT NULL,
    status       text NOT NULL,
    price_cents  int NOT NULL,
    started_at   timestamptz NOT NULL,
    renews_at    timestamptz NOT NULL,
    cancelled_at timestamptz
);
CREATE TABLE public.loyalty_accounts (
    user_id          bigint NOT NULL,
    points           int NOT NULL,
    lifetime_points  int NOT NULL,
    level            text NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE TABLE public.fraud_alerts (
    id          bigint NOT NULL,
    user_id     bigint NOT NULL,
    rule_code   varchar(16) NOT NULL,
    score       numeric(5,2) NOT NULL,
    status      text NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz
);

-- orders ------------------------------------------------------------------------------
CREATE TABLE public.orders (
    id                bigint NOT NULL,
    user_id           bigint NOT NULL,
    status            public.order_status NOT NULL,
    channel           text NOT NULL,
    currency          public.currency_code NOT NULL,
    item_count        smallint NOT NULL,
    subtotal_cents    bigint NOT NULL,
    tax_cents         bigint NOT NULL,
    shipping_cents    int NOT NULL,
    discount_cents    int NOT NULL,
    total_cents       bigint NOT NULL,
    coupon_id         bigint,
    payment_method_id int NOT NULL,
    shipping_address  text NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE TABLE public.order_items (
    order_id          bigint NOT NULL,
    line_no           smallint NOT NULL,
    product_id        bigint NOT NULL,
    quantity          smallint NOT NULL CHECK (quantity > 0),
    unit_price_cents  int NOT NULL,
    discount_cents    int NOT NULL
);
CREATE TABLE public.order_status_history (
    id          bigint NOT NULL,
    order_id    bigint NOT NULL,
    from_status public.order_status,
    to_status   public.order_status NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text NOT NULL
);
CREATE TABLE public.shipments (
    id              bigint NOT NULL,
    order_id        bigint NOT NULL,
    carrier         text NOT NULL,
    tracking_code   varchar(24) NOT NULL,
    status          text NOT NULL,
    weight_grams    int NOT NULL,
    shipped_at      timestamptz NOT NULL,
    delivered_at    timestamptz
);
CREATE TABLE public.payments (
    id               bigint NOT NULL,
    order_id         bigint NOT NULL,
    user_id          bigint NOT NULL,
    amount_cents     bigint NOT NULL,
    currency         public.currency_code NOT NULL,
    status           public.payment_status NOT NULL,
    method           text NOT NULL,
    bank_account     varchar(34),
    provider         text NOT NULL,
    fee_cents        int NOT NULL,
    failure_code     varchar(8),
    created_at       timestamptz NOT NULL,
    settled_at       timestamptz
);
CREATE TABLE public.refunds (
    id             bigint NOT NULL,
    payment_id     bigint NOT NULL,
    amount_cents   bigint NOT NULL,
    reason         text NOT NULL,
    status         text NOT NULL,
    requested_at   timestamptz NOT NULL,
    processed_at   timestamptz
);
CREATE TABLE public.invoices (
    id              bigint NOT NULL,
    order_id        bigint NOT NULL,
    invoice_number  varchar(20) NOT NULL,
    amount_cents    bigint NOT NULL,
    tax_cents       bigint NOT NULL,
    currency        public.currency_code NOT NULL,
    issued_on       date NOT NULL,
    due_on          date NOT NULL,
    paid            boolean NOT NULL
);

-- support and logs ----------------------------------------------------------------------
CREATE TABLE public.support_tickets (
    id           bigint NOT NULL,
    user_id      bigint NOT NULL,
    subject      text NOT NULL,
    body         text NOT NULL,
    category     text NOT NULL,
    priority     smallint NOT NULL,
    status       text NOT NULL,
    channel      text NOT NULL,
    opened_at    timestamptz NOT NULL,
    closed_at    timestamptz
);
CREATE TABLE public.ticket_events (
    id           bigint NOT NULL,
    ticket_id    bigint NOT NULL,
    event_type   text NOT NULL,
    agent_id     int,
    created_at   timestamptz NOT NULL
);
CREATE TABLE public.audit_log (
    id           bigint NOT NULL,
    actor_id     bigint NOT NULL,
    actor_name   text NOT NULL,
    actor_email  text NOT NULL,
    action       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    bigint NOT NULL,
    request_id   uuid NOT NULL,
    outcome      text NOT NULL,
    details      jsonb NOT NULL,
    occurred_at  timestamptz NOT NULL
);
CREATE TABLE public.notifications (
    id             bigint NOT NULL,
    user_id        bigint NOT NULL,
    channel        text NOT NULL,
    recipient      text NOT NULL,
    template_code  text NOT NULL,
    status         text NOT NULL,
    attempts       smallint NOT NULL,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz
);

-- messaging: the schema nobody remembered ---------------------------------------------
CREATE SCHEMA messaging;
CREATE TABLE messaging.email_templates (
    id          int NOT NULL,
    code        text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    locale      varchar(5) NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE TABLE messaging.campaigns (
    id            int NOT NULL,
    name          text NOT NULL,
    template_id   int NOT NULL,
    audience      text NOT NULL,
    scheduled_at  timestamptz NOT NULL,
    sent_count    int NOT NULL,
    status        text NOT NULL
);
CREATE TABLE messaging.email_logs (
    id            bigint NOT NULL,
    recipient     text NOT NULL,
    template_id   int NOT NULL,
    campaign_id   int,
    message_uuid  uuid NOT NULL,
    status        text NOT NULL,
    sent_at       timestamptz NOT NULL,
    opened_at     timestamptz,
    clicked_at    timestamptz,
    bounce_code   varchar(8)
);
CREATE TABLE messaging.delivery_events (
    id            bigint NOT NULL,
    email_log_id  bigint NOT NULL,
    event         text NOT NULL,
    occurred_at   timestamptz NOT NULL,
    smtp_code     smallint
);
CREATE TABLE messaging.push_logs (
    id           bigint NOT NULL,
    device_id    bigint NOT NULL,
    template_id  int NOT NULL,
    status       text NOT NULL,
    sent_at      timestamptz NOT NULL,
    latency_ms   int NOT NULL
);
