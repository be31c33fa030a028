-- Free text and logs that copy customer data: about a third of the ticket bodies name the
-- customer or quote their email; audit_log and notifications repeat users' emails.
INSERT INTO public.support_tickets (id, user_id, subject, body, category, priority, status, channel, opened_at, closed_at)
SELECT i, p.id, (ARRAY['Card declined', 'App crash', 'Transfer pending', 'Refund missing', 'Fee charged twice',
                       'Late 2FA codes', 'Wallet setup', 'Exchange rate'])[1 + topic],
       CASE WHEN r < 5 THEN 'Customer ' || p.email || ' reported that ' || issue || '.'
            WHEN r < 8 THEN p.first_name || ' ' || p.last_name || ' called about this: ' || issue || '.'
            WHEN r < 10 THEN 'Hi, my name is ' || p.first_name || ' ' || p.last_name || ' and ' || issue
                             || '. Please help, I have been a customer for years.'
            ELSE initcap(left(issue, 1)) || substr(issue, 2) || '. ' || (ARRAY[
                 'Seen on app version 4.' || (demo_build.h(i, 505) % 30)::text || '.',
                 'Amount involved: EUR ' || (demo_build.h(i, 506) % 500)::text || '.' || lpad((demo_build.h(i, 507) % 100)::text, 2, '0') || '.',
                 'Reproduced by the support team.',
                 'Escalated to tier 2.'])[1 + demo_build.h(i, 508) % 4] END,
       (ARRAY['cards', 'app', 'transfers', 'refunds', 'billing', 'security', 'cards', 'fx'])[1 + topic],
       (1 + demo_build.h(i, 509) % 4)::smallint,
       (ARRAY['open', 'pending', 'solved', 'solved', 'closed'])[1 + demo_build.h(i, 510) % 5],
       (ARRAY['email', 'chat', 'phone', 'app'])[1 + demo_build.h(i, 511) % 4],
       demo_build.ts(i, 512, 900),
       CASE WHEN demo_build.h(i, 510) % 5 >= 2 THEN demo_build.ts(i, 512, 900) + interval '2 days' END
  FROM generate_series(1, {{support_tickets}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.h(i, 501) % {{users}}
 CROSS JOIN LATERAL (SELECT demo_build.h(i, 502) % 30 AS r, (demo_build.h(i, 503) % 8)::int AS topic) AS t
 CROSS JOIN LATERAL (SELECT (ARRAY[
        'the card payment was declined twice at the same shop',
        'the app crashes when opening the statements page',
        'a transfer to a new payee has been pending for three days',
        'the refund for order #' || (1 + demo_build.h(i, 504) % 900000)::text || ' has not arrived',
        'the monthly fee was charged twice this month',
        'two-factor codes arrive several minutes late',
        'the virtual card cannot be added to the phone wallet',
        'the exchange rate applied to a payment looks wrong'])[1 + topic] AS issue) AS s;

INSERT INTO public.ticket_events (id, ticket_id, event_type, agent_id, created_at)
SELECT i, 1 + demo_build.h(i, 521) % {{support_tickets}},
       (ARRAY['created', 'assigned', 'replied', 'escalated', 'solved'])[1 + demo_build.h(i, 522) % 5],
       CASE WHEN demo_build.h(i, 522) % 5 <> 0 THEN (1 + demo_build.h(i, 523) % 120)::int END,
       demo_build.ts(i, 524, 900)
  FROM generate_series(1, {{ticket_events}}) AS i;

INSERT INTO public.audit_log (id, actor_id, actor_name, actor_email, action, entity_type, entity_id, request_id,
                              outcome, details, occurred_at)
SELECT i, p.id, p.first_name || ' ' || p.last_name, lower(p.email), a.action, a.entity,
       1 + demo_build.h(i, 533) % 100000, md5('request' || demo_build.h(i, 534))::uuid,
       CASE WHEN demo_build.h(i, 535) % 25 = 0 THEN 'denied' ELSE 'ok' END,
       jsonb_build_object('app', (ARRAY['ios', 'android', 'web'])[1 + demo_build.h(i, 536) % 3],
                          'country', p.country, 'duration_ms', demo_build.h(i, 537) % 900),
       demo_build.ts(i, 538, 365)
  FROM generate_series(1, {{audit_log}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.h(i, 531) % {{users}}
 CROSS JOIN LATERAL (SELECT (ARRAY['login', 'update_profile', 'create_transfer', 'add_beneficiary', 'freeze_card', 'export_statement'])[1 + x] AS action,
                            (ARRAY['session', 'user', 'transfer', 'beneficiary', 'card', 'statement'])[1 + x] AS entity
                       FROM (SELECT (demo_build.h(i, 532) % 6)::int AS x) AS pick) AS a;

INSERT INTO public.notifications (id, user_id, channel, recipient, template_code, status, attempts, created_at, sent_at)
SELECT i, p.id, 'email', p.email,
       (ARRAY['statement_ready', 'card_shipped', 'login_alert', 'transfer_received', 'promo_cashback'])[1 + demo_build.h(i, 542) % 5],
       CASE WHEN demo_build.h(i, 543) % 20 = 0 THEN 'failed' ELSE 'sent' END,
       (1 + demo_build.h(i, 544) % 3)::smallint, demo_build.ts(i, 545, 365),
       CASE WHEN demo_build.h(i, 543) % 20 <> 0 THEN demo_build.ts(i, 545, 365) + interval '30 seconds' END
  FROM generate_series(1, {{notifications}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.h(i, 541) % {{users}};
