-- Accounts, payees, transfers, cards. beneficiaries hold payees' names and IBANs; cards the
-- printed name and the card number (Luhn-valid).
INSERT INTO public.accounts (id, public_id, user_id, account_type, currency, balance_cents, overdraft_limit_cents,
                             interest_rate_bp, status, opened_at, closed_at)
SELECT i, md5('account' || demo_build.h(i, 301))::uuid, p.id,
       (ARRAY['current', 'current', 'savings', 'vault'])[1 + demo_build.h(i, 303) % 4], p.currency,
       (demo_build.h(i, 304) % 2000000) - 20000, (ARRAY[0, 0, 50000, 100000])[1 + demo_build.h(i, 305) % 4],
       (demo_build.h(i, 306) % 250)::smallint,
       CASE WHEN demo_build.h(i, 307) % 20 = 0 THEN 'closed' ELSE 'open' END,
       demo_build.ts(i, 308, 1700),
       CASE WHEN demo_build.h(i, 307) % 20 = 0 THEN demo_build.ts(i, 309, 200) END
  FROM generate_series(1, {{accounts}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.permute(i, {{users}}, 302);

INSERT INTO public.beneficiaries (id, user_id, holder_name, iban, currency, verified, transfers, created_at)
SELECT i, 1 + demo_build.h(i, 311) % {{users}}, q.first_name || ' ' || q.last_name,
       CASE WHEN demo_build.h(i, 314) % 5 < 2 THEN trim(regexp_replace(iban, '(.{4})', '\1 ', 'g')) ELSE iban END,
       CASE c.country WHEN 'GB' THEN 'GBP' WHEN 'CZ' THEN 'CZK' WHEN 'BR' THEN 'BRL' ELSE 'EUR' END,
       demo_build.h(i, 315) % 3 <> 0, (demo_build.h(i, 316) % 40)::int, demo_build.ts(i, 317, 1500)
  FROM generate_series(1, {{beneficiaries}}) AS i
  JOIN demo_build.people AS q ON q.id = 1 + demo_build.h(i, 312) % {{users}}
 CROSS JOIN LATERAL (SELECT (ARRAY['DE', 'FR', 'ES', 'IT', 'NL', 'GB', 'CZ', 'BE', 'AT', 'PT', 'BR'])[1 + demo_build.h(i, 313) % 11] AS country) AS c
 CROSS JOIN LATERAL (SELECT demo_build.iban(c.country, i) AS iban) AS b;

INSERT INTO public.transfers (id, account_id, beneficiary_id, amount_cents, currency, fee_cents, fx_rate, status, scheme, created_at, settled_at)
SELECT i, 1 + demo_build.h(i, 321) % {{accounts}}, 1 + demo_build.h(i, 322) % {{beneficiaries}},
       100 + demo_build.h(i, 323) % 500000, 'EUR', (demo_build.h(i, 324) % 300)::int,
       CASE WHEN demo_build.h(i, 325) % 6 = 0 THEN round((0.8 + demo_build.u(i, 326) * 0.5)::numeric, 8) END,
       (ARRAY['settled', 'settled', 'settled', 'pending', 'failed'])[1 + demo_build.h(i, 327) % 5],
       (ARRAY['sepa', 'sepa_instant', 'swift', 'faster_payments'])[1 + demo_build.h(i, 328) % 4],
       demo_build.ts(i, 329, 700),
       CASE WHEN demo_build.h(i, 327) % 5 < 3 THEN demo_build.ts(i, 329, 700) + interval '1 day' END
  FROM generate_series(1, {{transfers}}) AS i;

INSERT INTO public.ledger_entries (id, account_id, transfer_id, direction, amount_cents, balance_after, entry_type, booked_at)
SELECT i, 1 + demo_build.h(i, 331) % {{accounts}},
       CASE WHEN demo_build.h(i, 332) % 3 = 0 THEN 1 + demo_build.h(i, 333) % {{transfers}} END,
       CASE WHEN demo_build.h(i, 334) % 2 = 0 THEN 'D' ELSE 'C' END,
       100 + demo_build.h(i, 335) % 200000, demo_build.h(i, 336) % 5000000 - 100000,
       (ARRAY['card', 'transfer', 'fee', 'interest', 'topup', 'refund'])[1 + demo_build.h(i, 337) % 6],
       demo_build.ts(i, 338, 700)
  FROM generate_series(1, {{ledger_entries}}) AS i;

INSERT INTO public.cards (id, user_id, account_id, cardholder_name, card_number, brand, expiry_month, expiry_year,
                          status, spending_limit_cents, contactless, issued_at)
SELECT i, a.user_id, a.id, upper(p.first_name || ' ' || p.last_name), number,
       CASE left(number, 1) WHEN '4' THEN 'visa' WHEN '3' THEN 'amex' ELSE 'mastercard' END,
       (1 + demo_build.h(i, 342) % 12)::smallint, (2025 + demo_build.h(i, 343) % 5)::smallint,
       (ARRAY['active', 'active', 'active', 'frozen', 'expired'])[1 + demo_build.h(i, 344) % 5],
       (ARRAY[100000, 250000, 500000, 1000000])[1 + demo_build.h(i, 345) % 4],
       demo_build.h(i, 346) % 8 <> 0, demo_build.ts(i, 347, 1400)
  FROM generate_series(1, {{cards}}) AS i
  JOIN public.accounts AS a ON a.id = 1 + demo_build.h(i, 341) % {{accounts}}
  JOIN demo_build.people AS p ON p.id = a.user_id
 CROSS JOIN LATERAL (SELECT demo_build.card_number(i) AS number) AS n;

INSERT INTO public.card_transactions (id, card_id, merchant_id, amount_cents, currency, mcc, status, authorized_at, captured_at, declined_reason)
SELECT i, 1 + demo_build.h(i, 351) % {{cards}}, m.id, 50 + demo_build.h(i, 353) % 30000, m.settlement_currency, c.mcc,
       st, demo_build.ts(i, 355, 365),
       CASE WHEN st = 'captured' THEN demo_build.ts(i, 355, 365) + interval '2 days' END,
       CASE WHEN st = 'declined' THEN (ARRAY['insufficient_funds', 'card_frozen', 'suspected_fraud'])[1 + demo_build.h(i, 356) % 3] END
  FROM generate_series(1, {{card_transactions}}) AS i
  JOIN public.merchants AS m ON m.id = 1 + demo_build.h(i, 352) % {{merchants}}
  JOIN public.merchant_categories AS c ON c.id = m.category_id
 CROSS JOIN LATERAL (SELECT (ARRAY['captured', 'captured', 'captured', 'authorized', 'declined'])[1 + demo_build.h(i, 354) % 5] AS st) AS s;

INSERT INTO public.subscriptions (id, user_id, plan_id, status, price_cents, started_at, renews_at, cancelled_at)
SELECT i, 1 + demo_build.permute(i, {{users}}, 361), pl.id,
       CASE WHEN demo_build.h(i, 363) % 6 = 0 THEN 'cancelled' ELSE 'active' END, pl.monthly_fee_cents,
       demo_build.ts(i, 364, 1000), date '2025-07-01' + (demo_build.h(i, 365) % 30)::int,
       CASE WHEN demo_build.h(i, 363) % 6 = 0 THEN demo_build.ts(i, 366, 100) END
  FROM generate_series(1, {{subscriptions}}) AS i
  JOIN public.plans AS pl ON pl.id = 2 + demo_build.h(i, 362) % 4;

INSERT INTO public.fraud_alerts (id, user_id, rule_code, score, status, created_at, resolved_at)
SELECT i, 1 + demo_build.h(i, 371) % {{users}}, 'R' || lpad((1 + demo_build.h(i, 372) % 60)::text, 3, '0'),
       round((50 + demo_build.u(i, 373) * 50)::numeric, 2),
       (ARRAY['open', 'dismissed', 'confirmed', 'dismissed'])[1 + demo_build.h(i, 374) % 4],
       demo_build.ts(i, 375, 500),
       CASE WHEN demo_build.h(i, 374) % 4 <> 0 THEN demo_build.ts(i, 375, 500) + interval '3 days' END
  FROM generate_series(1, {{fraud_alerts}}) AS i;
