-- users and the tables about them. users.metadata hides emails and phones in JSON;
-- kyc_checks.reference_code holds the national IDs under a name that does not say so.
INSERT INTO public.users (id, email, phone, national_id, full_name, display_name, metadata, country_code,
                          locale, status, tier, plan_id, kyc_level, risk_score, email_verified,
                          marketing_opt_in, preferred_currency, created_at, updated_at, last_login_at)
SELECT p.id, p.email,
       CASE WHEN demo_build.h(p.id, 51) % 100 >= 8 THEN p.phone END,
       CASE WHEN demo_build.h(p.id, 52) % 100 >= 5 THEN p.national_id END,
       p.first_name || ' ' || p.last_name,
       CASE demo_build.h(p.id, 50) % 10
           WHEN 0 THEN p.first_name || ' ' || p.last_name
           WHEN 1 THEN p.first_name || ' ' || p.last_name
           WHEN 2 THEN p.first_name || ' ' || p.last_name
           WHEN 3 THEN p.first_name || ' ' || left(p.last_name, 1) || '.'
           WHEN 4 THEN p.first_name
           WHEN 9 THEN NULL
           ELSE left(p.username, 64) END,
       jsonb_strip_nulls(jsonb_build_object(
           'contact', jsonb_build_object(
               'email', p.email,
               'phones', CASE WHEN demo_build.h(p.id, 51) % 100 < 8 THEN '[]'::jsonb
                              ELSE jsonb_build_array(jsonb_build_object('type', 'mobile', 'number', p.phone))
                                   || CASE WHEN demo_build.h(p.id, 53) % 5 = 0
                                           THEN jsonb_build_array(jsonb_build_object('type', 'work', 'number', demo_build.phone(p.country, p.id, 60)))
                                           ELSE '[]'::jsonb END END),
           'recovery', CASE WHEN p.recovery_email IS NOT NULL THEN jsonb_build_object('email', p.recovery_email, 'verified', demo_build.h(p.id, 54) % 2 = 0) END,
           'signup', jsonb_build_object('source', (ARRAY['ios', 'android', 'web', 'partner'])[1 + demo_build.h(p.id, 55) % 4],
                                        'campaign', CASE WHEN demo_build.h(p.id, 56) % 3 = 0 THEN 'PROMO' || lpad((1 + demo_build.h(p.id, 57) % 40)::text, 3, '0') END,
                                        'app_version', '4.' || (demo_build.h(p.id, 58) % 30)::text),
           'preferences', jsonb_build_object('newsletter', demo_build.h(p.id, 59) % 2 = 0, 'language', left(p.locale, 2)))),
       p.country, replace(p.locale, '_', '-'),
       CASE WHEN demo_build.h(p.id, 61) % 100 < 90 THEN 'active' WHEN demo_build.h(p.id, 61) % 100 < 96 THEN 'dormant' ELSE 'closed' END,
       (ARRAY['standard', 'standard', 'standard', 'plus', 'premium', 'metal'])[1 + demo_build.h(p.id, 62) % 6],
       1 + (demo_build.h(p.id, 62) % 6)::int,
       (demo_build.h(p.id, 63) % 4)::smallint,
       round((demo_build.u(p.id, 64) * 100)::numeric, 2),
       demo_build.h(p.id, 65) % 10 <> 0,
       demo_build.h(p.id, 66) % 3 = 0,
       p.currency,
       demo_build.ts(p.id, 67, 1800),
       demo_build.ts(p.id, 67, 1800) + make_interval(days => (demo_build.h(p.id, 68) % 300)::int),
       CASE WHEN demo_build.h(p.id, 69) % 10 <> 0 THEN demo_build.ts(p.id, 70, 90) END
  FROM demo_build.people AS p
 ORDER BY p.id;

INSERT INTO public.user_addresses (id, user_id, kind, line1, postal_code, country_code, is_default, verified, created_at)
SELECT i, p.id, kind,
       CASE WHEN kind = 'home' THEN p.street ELSE p.alt_street END,
       CASE WHEN kind = 'home' THEN p.postcode ELSE p.alt_postcode END,
       p.country, kind = 'home', demo_build.h(i, 202) % 4 <> 0, demo_build.ts(i, 203, 1500)
  FROM generate_series(1, {{user_addresses}}) AS i
 CROSS JOIN LATERAL (SELECT (ARRAY['home', 'home', 'billing', 'work'])[1 + demo_build.h(i, 204) % 4] AS kind) AS k
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.permute(i, {{users}}, 201);

INSERT INTO public.user_preferences (user_id, language, theme, notify_email, notify_sms, notify_push, statement_day, updated_at)
SELECT 1 + demo_build.permute(i, {{users}}, 211),
       (ARRAY['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'cs'])[1 + demo_build.h(i, 212) % 8],
       (ARRAY['light', 'dark', 'system'])[1 + demo_build.h(i, 213) % 3],
       demo_build.h(i, 214) % 4 <> 0, demo_build.h(i, 215) % 3 = 0, demo_build.h(i, 216) % 5 <> 0,
       (1 + demo_build.h(i, 217) % 28)::smallint, demo_build.ts(i, 218, 700)
  FROM generate_series(1, {{user_preferences}}) AS i;

INSERT INTO public.kyc_checks (id, user_id, provider, document_type, reference_code, birth_date, status, score, checked_at, expires_on)
SELECT i, p.id, (ARRAY['onfido', 'veriff', 'jumio'])[1 + demo_build.h(i, 222) % 3],
       (ARRAY['passport', 'id_card', 'id_card', 'driving_licence'])[1 + demo_build.h(i, 223) % 4],
       CASE WHEN demo_build.h(i, 224) % 3 = 0 AND p.country IN ('US', 'BR', 'CZ')
            THEN regexp_replace(p.national_id, '[^0-9]', '', 'g') ELSE p.national_id END,
       p.birth_date,
       (ARRAY['approved', 'approved', 'approved', 'pending', 'rejected'])[1 + demo_build.h(i, 225) % 5],
       round(demo_build.u(i, 226)::numeric, 3), demo_build.ts(i, 227, 1500),
       date '2025-06-30' + (demo_build.h(i, 228) % 2000)::int
  FROM generate_series(1, {{kyc_checks}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.permute(i, {{users}}, 221);

INSERT INTO public.devices (id, user_id, platform, os_version, app_version, push_enabled, first_seen_at, last_seen_at)
SELECT i, 1 + demo_build.h(i, 231) % {{users}}, platform,
       CASE platform WHEN 'ios' THEN '17.' || (demo_build.h(i, 233) % 6)::text
                     WHEN 'android' THEN (12 + demo_build.h(i, 233) % 3)::text
                     ELSE 'web' END,
       '4.' || (demo_build.h(i, 234) % 30)::text || '.' || (demo_build.h(i, 235) % 10)::text,
       demo_build.h(i, 236) % 3 <> 0, demo_build.ts(i, 237, 1200), demo_build.ts(i, 238, 60)
  FROM generate_series(1, {{devices}}) AS i
 CROSS JOIN LATERAL (SELECT (ARRAY['ios', 'android', 'web'])[1 + demo_build.h(i, 232) % 3] AS platform) AS pl;

INSERT INTO public.login_events (id, user_id, device_id, ip_address, method, success, country_code, occurred_at)
SELECT i, p.id,
       CASE WHEN demo_build.h(i, 242) % 4 <> 0 THEN 1 + demo_build.h(i, 243) % {{devices}} END,
       CASE WHEN demo_build.h(i, 244) % 10 = 0
            THEN ('2a02:' || to_hex((demo_build.h(i, 245) % 65536)::int) || ':' || to_hex((demo_build.h(i, 246) % 65536)::int)
                  || '::' || to_hex((1 + demo_build.h(i, 247) % 65535)::int))::inet
            ELSE ((ARRAY[23, 31, 37, 45, 62, 77, 81, 85, 91, 94, 109, 151, 176, 185, 188, 193, 212, 213, 217])[1 + demo_build.h(i, 248) % 19]
                  || '.' || (demo_build.h(i, 249) % 256) || '.' || (demo_build.h(i, 250) % 256) || '.' || (1 + demo_build.h(i, 251) % 254))::inet END,
       (ARRAY['password', 'biometric', 'biometric', 'otp', 'sso'])[1 + demo_build.h(i, 252) % 5],
       demo_build.h(i, 253) % 20 <> 0, p.country, demo_build.ts(i, 254, 365)
  FROM generate_series(1, {{login_events}}) AS i
  JOIN demo_build.people AS p ON p.id = 1 + demo_build.h(i, 241) % {{users}};

INSERT INTO public.loyalty_accounts (user_id, points, lifetime_points, level, updated_at)
SELECT 1 + demo_build.permute(i, {{users}}, 261), pts, pts + (demo_build.h(i, 263) % 50000)::int,
       CASE WHEN pts > 8000 THEN 'gold' WHEN pts > 3000 THEN 'silver' ELSE 'bronze' END, demo_build.ts(i, 264, 365)
  FROM generate_series(1, {{loyalty_accounts}}) AS i
 CROSS JOIN LATERAL (SELECT (demo_build.h(i, 262) % 10000)::int AS pts) AS p;
