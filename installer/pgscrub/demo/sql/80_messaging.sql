-- The messaging schema a former team built and nobody remembered: email_logs.recipient holds
-- real customer emails (one per row, each a different customer).
INSERT INTO messaging.email_templates (id, code, subject, body, locale, updated_at)
SELECT i, code || '_' || lang, subject, 'Hello {first_name}, ' || text || ' The team', lang, timestamptz '2024-01-01' + i * interval '5 days'
  FROM (SELECT row_number() OVER ()::int AS i, * FROM
          (VALUES ('statement_ready', 'Your statement is ready', 'your monthly statement is ready in the app.'),
                  ('card_shipped', 'Your card is on its way', 'your new card has been shipped.'),
                  ('login_alert', 'New login', 'we noticed a login from a new device.'),
                  ('transfer_received', 'Money received', 'you received a transfer.'),
                  ('promo_cashback', 'Cashback week', 'earn double cashback this week.')) AS t(code, subject, text)
         CROSS JOIN unnest(ARRAY['en', 'de', 'fr', 'es']) AS lang) AS templates;

INSERT INTO messaging.campaigns (id, name, template_id, audience, scheduled_at, sent_count, status)
SELECT i, (ARRAY['Spring', 'Summer', 'Autumn', 'Winter'])[1 + i % 4] || ' cashback ' || (2021 + i / 8)::text,
       1 + (i % 20), (ARRAY['all', 'dormant', 'premium', 'new'])[1 + i % 4],
       timestamptz '2021-03-01' + i * interval '45 days', (demo_build.h(i, 601) % 500000)::int,
       CASE WHEN i < 30 THEN 'sent' ELSE 'scheduled' END
  FROM generate_series(1, 32) AS i;

INSERT INTO messaging.email_logs (id, recipient, template_id, campaign_id, message_uuid, status, sent_at, opened_at, clicked_at, bounce_code)
SELECT i, p.email, 1 + (demo_build.h(i, 612) % 20)::int,
       CASE WHEN demo_build.h(i, 613) % 3 <> 0 THEN 1 + (demo_build.h(i, 614) % 32)::int END,
       md5('message' || demo_build.h(i, 615))::uuid,
       (ARRAY['delivered', 'delivered', 'delivered', 'opened', 'bounced'])[1 + demo_build.h(i, 616) % 5],
       demo_build.ts(i, 617, 1400),
       CASE WHEN demo_build.h(i, 616) % 5 = 3 THEN demo_build.ts(i, 617, 1400) + interval '3 hours' END,
       CASE WHEN demo_build.h(i, 616) % 5 = 3 AND demo_build.h(i, 618) % 2 = 0 THEN demo_build.ts(i, 617, 1400) + interval '4 hours' END,
       CASE WHEN demo_build.h(i, 616) % 5 = 4 THEN (ARRAY['5.1.1', '4.2.2', '5.7.1'])[1 + demo_build.h(i, 619) % 3] END
  FROM generate_series(1, {{email_logs}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.permute(i, {{users}}, 611);

INSERT INTO messaging.delivery_events (id, email_log_id, event, occurred_at, smtp_code)
SELECT i, 1 + demo_build.h(i, 621) % {{email_logs}},
       (ARRAY['queued', 'sent', 'delivered', 'opened', 'bounced'])[1 + demo_build.h(i, 622) % 5],
       demo_build.ts(i, 623, 1400), (ARRAY[250, 250, 250, 421, 550])[1 + demo_build.h(i, 622) % 5]::smallint
  FROM generate_series(1, {{delivery_events}}) AS i;

INSERT INTO messaging.push_logs (id, device_id, template_id, status, sent_at, latency_ms)
SELECT i, 1 + demo_build.h(i, 631) % {{devices}}, 1 + (demo_build.h(i, 632) % 20)::int,
       (ARRAY['sent', 'sent', 'sent', 'failed'])[1 + demo_build.h(i, 633) % 4],
       demo_build.ts(i, 634, 365), (20 + demo_build.h(i, 635) % 3000)::int
  FROM generate_series(1, {{push_logs}}) AS i;
