-- Reference data: countries, currencies, plans, catalogue, merchants, flags. No personal data.
INSERT INTO public.currencies (code, name, minor_units, active, symbol) VALUES
    ('USD', 'US dollar', 2, true, '$'), ('EUR', 'Euro', 2, true, '€'), ('GBP', 'Pound sterling', 2, true, '£'),
    ('BRL', 'Brazilian real', 2, true, 'R$'), ('CZK', 'Czech koruna', 2, true, 'Kč'), ('CHF', 'Swiss franc', 2, true, 'Fr'),
    ('JPY', 'Yen', 0, false, '¥'), ('SEK', 'Swedish krona', 2, true, 'kr');

INSERT INTO public.countries (code, name, currency, eu_member, phone_prefix, risk_level)
SELECT country, country_name, currency, country NOT IN ('US', 'GB', 'BR'),
       CASE country WHEN 'US' THEN '+1' WHEN 'GB' THEN '+44' WHEN 'DE' THEN '+49' WHEN 'FR' THEN '+33'
                    WHEN 'ES' THEN '+34' WHEN 'IT' THEN '+39' WHEN 'NL' THEN '+31' WHEN 'BR' THEN '+55'
                    ELSE '+420' END,
       (locale_id % 3)::smallint
  FROM demo_build.locales
UNION ALL VALUES ('BE', 'Belgium', 'EUR', true, '+32', 1::smallint), ('AT', 'Austria', 'EUR', true, '+43', 0::smallint),
                 ('PT', 'Portugal', 'EUR', true, '+351', 1::smallint), ('CH', 'Switzerland', 'CHF', false, '+41', 0::smallint);

INSERT INTO public.exchange_rates (id, base_currency, quote_currency, rate, valid_on, source)
SELECT i, 'EUR', (ARRAY['USD', 'GBP', 'BRL', 'CZK', 'CHF', 'SEK'])[1 + i % 6],
       round(((ARRAY[1.08, 0.85, 5.4, 25.1, 0.97, 11.2])[1 + i % 6] * (0.95 + demo_build.u(i, 101) * 0.1))::numeric, 8),
       date '2025-06-30' - (i / 6)::int, (ARRAY['ecb', 'provider-a', 'provider-b'])[1 + i % 3]
  FROM generate_series(1, {{exchange_rates}}) AS i;

INSERT INTO public.plans (id, code, monthly_fee_cents, currency, card_limit, cashback_bp, active) VALUES
    (1, 'basic', 0, 'EUR', 1, 0, true), (2, 'plus', 399, 'EUR', 2, 10, true), (3, 'premium', 999, 'EUR', 3, 50, true),
    (4, 'metal', 1699, 'EUR', 5, 100, true), (5, 'business', 2500, 'EUR', 10, 20, true), (6, 'legacy', 199, 'EUR', 1, 0, false);

INSERT INTO public.payment_methods (id, code, label, active, fee_bp) VALUES
    (1, 'card', 'Card', true, 140), (2, 'sepa_debit', 'SEPA direct debit', true, 35), (3, 'bank_transfer', 'Bank transfer', true, 0),
    (4, 'wallet', 'Wallet balance', true, 0), (5, 'paypal', 'PayPal', true, 290), (6, 'boleto', 'Boleto', true, 150);

INSERT INTO public.fee_schedules (id, plan_id, fee_type, amount_cents, percent_bp, currency, effective_from, effective_to)
SELECT i, 1 + (i - 1) % 6, (ARRAY['atm', 'fx', 'card_replacement', 'transfer_instant'])[1 + (i - 1) / 6],
       (i * 37 % 500)::int, (i * 13 % 300)::smallint, 'EUR', date '2023-01-01' + i * 7,
       CASE WHEN i % 5 = 0 THEN date '2025-01-01' END
  FROM generate_series(1, 24) AS i;

INSERT INTO public.merchant_categories (id, mcc, label, high_risk) VALUES
    (1, '5411', 'Grocery stores', false), (2, '5812', 'Restaurants', false), (3, '5541', 'Service stations', false),
    (4, '5732', 'Electronics', false), (5, '4111', 'Commuter transport', false), (6, '7995', 'Gambling', true),
    (7, '5912', 'Drug stores', false), (8, '4722', 'Travel agencies', false), (9, '5999', 'Miscellaneous retail', false),
    (10, '6051', 'Crypto and quasi-cash', true);

INSERT INTO public.merchants (id, name, category_id, country_code, onboarded_at, risk_level, active, settlement_currency)
SELECT i, adjective || ' ' || noun || CASE WHEN i > {{n_adjectives}} * {{n_nouns}} THEN ' ' || (i / ({{n_adjectives}} * {{n_nouns}}) + 1)::text ELSE '' END,
       1 + (demo_build.h(i, 111) % 10)::int, l.country, demo_build.ts(i, 112, 2000),
       (demo_build.h(i, 113) % 4)::smallint, demo_build.h(i, 114) % 20 <> 0, l.currency
  FROM generate_series(1, {{merchants}}) AS i
  JOIN demo_build.adjective AS a ON a.pos = i % {{n_adjectives}}
  JOIN demo_build.noun AS n ON n.pos = (i / {{n_adjectives}}) % {{n_nouns}}
  JOIN demo_build.locales AS l ON l.locale_id = demo_build.h(i, 115) % 9
 CROSS JOIN LATERAL (SELECT a.value AS adjective, n.value AS noun) AS words;

INSERT INTO public.product_categories (id, parent_id, slug, label, position)
SELECT i, CASE WHEN i > 4 THEN 1 + i % 4 END, lower(label), label, i::smallint
  FROM unnest(ARRAY['Accessories', 'Electronics', 'Travel', 'Home', 'Audio', 'Sports', 'Gifts', 'Office'])
       WITH ORDINALITY AS c(label, i);

INSERT INTO public.products (id, sku, name, category_id, price_cents, currency, weight_grams, active, created_at, stock)
SELECT i, 'SKU-' || lpad(i::text, 6, '0'), p.value || CASE WHEN i > {{n_products}} THEN ' ' || (ARRAY['Mini', 'Pro', 'Max', 'Lite', 'XL'])[1 + i % 5] || ' ' || i ELSE '' END,
       1 + (i % 8)::int, (199 + demo_build.h(i, 121) % 20000)::int, 'EUR', (20 + demo_build.h(i, 122) % 2000)::int,
       demo_build.h(i, 123) % 10 <> 0, demo_build.ts(i, 124, 1500), (demo_build.h(i, 125) % 500)::int
  FROM generate_series(1, {{products}}) AS i
  JOIN demo_build.product AS p ON p.pos = i % {{n_products}};

INSERT INTO public.promotions (id, code, channel, starts_at, ends_at, budget_cents, active)
SELECT i, 'PROMO' || lpad(i::text, 3, '0'), (ARRAY['email', 'push', 'partner', 'social'])[1 + i % 4],
       demo_build.ts(i, 131, 900), demo_build.ts(i, 131, 900) + interval '30 days',
       (100000 + demo_build.h(i, 132) % 10000000), i % 3 = 0
  FROM generate_series(1, 40) AS i;

INSERT INTO public.coupons (id, code, discount_bp, max_uses, used, valid_from, valid_to, promotion_id)
SELECT i, upper(substr(md5('coupon' || i), 1, 8)), (500 + demo_build.h(i, 141) % 2000)::smallint,
       (100 + demo_build.h(i, 142) % 5000)::int, (demo_build.h(i, 143) % 100)::int,
       date '2024-01-01' + (i % 400), date '2024-01-01' + (i % 400) + 60, 1 + (i % 40)::int
  FROM generate_series(1, {{coupons}}) AS i;

INSERT INTO public.feature_flags (key, enabled, rollout_pct, updated_at, description) VALUES
    ('instant_transfers', true, 100, '2025-03-01', 'Instant SEPA transfers'),
    ('new_onboarding', true, 50, '2025-05-12', 'Shorter sign-up flow'),
    ('crypto_wallet', false, 0, '2024-11-02', 'Crypto wallet beta'),
    ('virtual_cards', true, 100, '2024-06-18', 'Virtual cards for all plans'),
    ('savings_vaults', true, 25, '2025-06-01', 'Round-up savings vaults'),
    ('dark_mode', true, 100, '2023-09-09', 'Dark theme in the app');

INSERT INTO public.schema_migrations (version, applied_at, checksum, duration_ms)
SELECT to_char(timestamp '2021-01-04 09:00' + i * interval '9 days 3 hours', 'YYYYMMDDHH24MISS'),
       timestamp '2021-01-04 09:00' + i * interval '9 days 3 hours' + interval '2 minutes',
       md5('migration' || i), (50 + i * 97 % 30000)::int
  FROM generate_series(1, 180) AS i;
