-- orders (about four per customer; shipping_address is a street address) and what follows
-- from them. payments.bank_account holds IBANs for debit and transfer payments.
INSERT INTO public.orders (id, user_id, status, channel, currency, item_count, subtotal_cents, tax_cents,
                           shipping_cents, discount_cents, total_cents, coupon_id, payment_method_id,
                           shipping_address, created_at, updated_at)
SELECT k, p.id,
       (CASE WHEN r < 3 THEN 'pending' WHEN r < 10 THEN 'paid' WHEN r < 20 THEN 'shipped'
             WHEN r < 90 THEN 'delivered' WHEN r < 96 THEN 'cancelled' ELSE 'returned' END)::public.order_status,
       (ARRAY['web', 'ios', 'android', 'partner'])[1 + demo_build.h(k, 402) % 4], p.currency,
       items, subtotal, subtotal / 5, shipping, discount, subtotal + subtotal / 5 + shipping - discount,
       CASE WHEN discount > 0 THEN 1 + demo_build.h(k, 406) % {{coupons}} END,
       1 + (demo_build.h(k, 407) % 6)::int,
       CASE WHEN demo_build.h(k, 408) % 100 < 85 THEN p.home_address ELSE p.alt_address END,
       created, created + make_interval(days => (demo_build.h(k, 411) % 20)::int)
  FROM (SELECT id, currency, home_address, alt_address, order_count,
               sum(order_count) OVER (ORDER BY id) - order_count AS base
          FROM demo_build.people) AS p
 CROSS JOIN LATERAL generate_series(p.base + 1, p.base + p.order_count) AS k
 CROSS JOIN LATERAL (SELECT demo_build.h(k, 401) % 100 AS r,
                            (1 + demo_build.h(k, 403) % 5)::smallint AS items,
                            (1 + demo_build.h(k, 403) % 5) * (500 + demo_build.h(k, 404) % 15000) AS subtotal,
                            (ARRAY[0, 499, 999])[1 + demo_build.h(k, 405) % 3] AS shipping,
                            CASE WHEN demo_build.h(k, 409) % 10 = 0 THEN 500 ELSE 0 END AS discount,
                            demo_build.ts(k, 410, 1500) AS created) AS o;

CREATE TABLE demo_build.order_total AS SELECT max(id) AS n FROM public.orders;

INSERT INTO public.order_items (order_id, line_no, product_id, quantity, unit_price_cents, discount_cents)
SELECT 1 + (i - 1) / 2, (1 + (i - 1) % 2)::smallint, pr.id, (1 + demo_build.h(i, 422) % 3)::smallint, pr.price_cents,
       CASE WHEN demo_build.h(i, 423) % 8 = 0 THEN pr.price_cents / 10 ELSE 0 END
  FROM generate_series(1, {{order_items}}) AS i
  JOIN public.products AS pr ON pr.id = 1 + demo_build.h(i, 421) % {{products}};

INSERT INTO public.order_status_history (id, order_id, from_status, to_status, changed_at, changed_by)
SELECT i, 1 + demo_build.h(i, 431) % t.n,
       (ARRAY['pending', 'paid', 'shipped'])[1 + demo_build.h(i, 432) % 3]::public.order_status,
       (ARRAY['paid', 'shipped', 'delivered'])[1 + demo_build.h(i, 432) % 3]::public.order_status,
       demo_build.ts(i, 433, 1500), (ARRAY['system', 'warehouse', 'carrier-webhook', 'support'])[1 + demo_build.h(i, 434) % 4]
  FROM generate_series(1, {{order_status_history}}) AS i CROSS JOIN demo_build.order_total AS t;

INSERT INTO public.shipments (id, order_id, carrier, tracking_code, status, weight_grams, shipped_at, delivered_at)
SELECT i, 1 + demo_build.permute(i, t.n, 441), carrier,
       upper(left(carrier, 2)) || lpad((demo_build.h(i, 443) % 10000000000)::text, 10, '0') || 'X',
       CASE WHEN demo_build.h(i, 444) % 10 < 8 THEN 'delivered' ELSE 'in_transit' END,
       (100 + demo_build.h(i, 445) % 5000)::int, demo_build.ts(i, 446, 1400),
       CASE WHEN demo_build.h(i, 444) % 10 < 8 THEN demo_build.ts(i, 446, 1400) + interval '3 days' END
  FROM generate_series(1, {{shipments}}) AS i CROSS JOIN demo_build.order_total AS t
 CROSS JOIN LATERAL (SELECT (ARRAY['dhl', 'ups', 'dpd', 'gls', 'colissimo', 'correos'])[1 + demo_build.h(i, 442) % 6] AS carrier) AS c;

INSERT INTO public.payments (id, order_id, user_id, amount_cents, currency, status, method, bank_account, provider,
                             fee_cents, failure_code, created_at, settled_at)
SELECT s.i, o.id, o.user_id, o.total_cents, o.currency,
       (ARRAY['settled', 'settled', 'settled', 'captured', 'authorized', 'failed', 'refunded'])[1 + demo_build.h(s.i, 453) % 7]::public.payment_status,
       m.method,
       CASE WHEN m.method IN ('sepa_debit', 'bank_transfer') AND p.country <> 'US' THEN demo_build.iban(p.country, o.user_id) END,
       (ARRAY['adyen', 'stripe', 'checkout', 'internal'])[1 + demo_build.h(s.i, 454) % 4],
       (o.total_cents / 100)::int,
       CASE WHEN demo_build.h(s.i, 453) % 7 = 5 THEN (ARRAY['E051', 'E102', 'E300'])[1 + demo_build.h(s.i, 455) % 3] END,
       o.created_at + interval '5 minutes',
       CASE WHEN demo_build.h(s.i, 453) % 7 < 3 THEN o.created_at + interval '2 days' END
  FROM (SELECT i, 1 + demo_build.permute(i, t.n, 451) AS order_id
          FROM generate_series(1, {{payments}}) AS i CROSS JOIN demo_build.order_total AS t) AS s
  JOIN public.orders AS o ON o.id = s.order_id
  JOIN demo_build.people AS p ON p.id = o.user_id
 CROSS JOIN LATERAL (SELECT (ARRAY['card', 'card', 'sepa_debit', 'sepa_debit', 'bank_transfer', 'wallet'])[1 + demo_build.h(s.i, 452) % 6] AS method) AS m;

INSERT INTO public.refunds (id, payment_id, amount_cents, reason, status, requested_at, processed_at)
SELECT i, 1 + demo_build.permute(i, {{payments}}, 461), 500 + demo_build.h(i, 462) % 20000,
       (ARRAY['damaged', 'not_received', 'duplicate', 'changed_mind'])[1 + demo_build.h(i, 463) % 4],
       CASE WHEN demo_build.h(i, 464) % 5 = 0 THEN 'pending' ELSE 'processed' END,
       demo_build.ts(i, 465, 600),
       CASE WHEN demo_build.h(i, 464) % 5 <> 0 THEN demo_build.ts(i, 465, 600) + interval '4 days' END
  FROM generate_series(1, {{refunds}}) AS i;

INSERT INTO public.invoices (id, order_id, invoice_number, amount_cents, tax_cents, currency, issued_on, due_on, paid)
SELECT i, 1 + demo_build.permute(i, t.n, 471), 'INV-' || lpad(i::text, 9, '0'),
       1000 + demo_build.h(i, 472) % 90000, demo_build.h(i, 473) % 15000, 'EUR',
       date '2025-06-30' - (demo_build.h(i, 474) % 1400)::int, date '2025-06-30' - (demo_build.h(i, 474) % 1400)::int + 30,
       demo_build.h(i, 475) % 10 <> 0
  FROM generate_series(1, {{invoices}}) AS i CROSS JOIN demo_build.order_total AS t;
