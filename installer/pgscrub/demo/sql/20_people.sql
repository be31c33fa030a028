-- One row per customer: who they are (locale, name, birth date, addresses, email), drawn
-- from the dictionaries by keyed hash. users, orders and the tables that copy customer data
-- (audit_log, notifications, email_logs, support_tickets) all read it.
CREATE TABLE demo_build.people AS
SELECT id, locale_id, locale, country, country_name, currency, female, first_name, last_name,
       birth_date, street, postcode, city, alt_street, alt_postcode,
       CASE WHEN country IN ('US', 'GB') THEN street || ', ' || city || ' ' || postcode
            ELSE street || ', ' || postcode || ' ' || city END || ', ' || country_name AS home_address,
       CASE WHEN country IN ('US', 'GB') THEN alt_street || ', ' || city || ' ' || alt_postcode
            ELSE alt_street || ', ' || alt_postcode || ' ' || city END || ', ' || country_name AS alt_address,
       CASE WHEN dup = 1 THEN email ELSE split_part(email, '@', 1) || '.' || id || '@' || split_part(email, '@', 2) END AS email,
       recovery_email, username,
       demo_build.phone(country, id, 30) AS phone,
       demo_build.national_id(country, id, first_name, last_name, birth_date, female) AS national_id,
       (demo_build.h(id, 40) % 9)::int AS order_count
  FROM (SELECT *, row_number() OVER (PARTITION BY lower(email) ORDER BY id) AS dup
          FROM (SELECT g.id, l.locale_id, l.locale, l.country, l.country_name, l.currency,
                       demo_build.h(g.id, 2) % 2 = 0 AS female,
                       f.value AS first_name, s.value AS last_name,
                       date '1955-01-01' + (demo_build.h(g.id, 5) % (50 * 365))::int AS birth_date,
                       st.value AS street, pc.value AS postcode, ci.value AS city,
                       st2.value AS alt_street, pc2.value AS alt_postcode,
                       CASE WHEN demo_build.h(g.id, 8) % 100 < 3 THEN initcap(local_part) ELSE local_part END
                           || '@' || l.email_domains[1 + demo_build.h(g.id, 7) % array_length(l.email_domains, 1)] AS email,
                       CASE WHEN demo_build.h(g.id, 9) % 100 < 30
                            THEN left(f.ascii, 1) || s.ascii || (demo_build.h(g.id, 10) % 1000)::text
                                 || '@' || (ARRAY['proton.me', 'outlook.com', 'gmail.com', 'yahoo.com'])[1 + demo_build.h(g.id, 11) % 4]
                       END AS recovery_email,
                       un.value || CASE WHEN demo_build.h(g.id, 12) % 2 = 0 THEN (demo_build.h(g.id, 13) % 100)::text ELSE '' END AS username
                  FROM generate_series(1, {{users}}) AS g(id)
                  JOIN demo_build.locale_slots AS ls ON ls.slot = demo_build.h(g.id, 1) % 100
                  JOIN demo_build.locales AS l ON l.locale_id = ls.locale_id
                  JOIN demo_build.first_name AS f ON f.locale_id = l.locale_id AND f.pos = demo_build.h(g.id, 3) % l.n_first_name
                  JOIN demo_build.last_name AS s ON s.locale_id = l.locale_id AND s.pos = demo_build.h(g.id, 4) % l.n_last_name
                  JOIN demo_build.street AS st ON st.locale_id = l.locale_id AND st.pos = demo_build.h(g.id, 14) % l.n_street
                  JOIN demo_build.street AS st2 ON st2.locale_id = l.locale_id AND st2.pos = demo_build.h(g.id, 15) % l.n_street
                  JOIN demo_build.postcode AS pc ON pc.locale_id = l.locale_id AND pc.pos = demo_build.h(g.id, 16) % l.n_postcode
                  JOIN demo_build.postcode AS pc2 ON pc2.locale_id = l.locale_id AND pc2.pos = demo_build.h(g.id, 17) % l.n_postcode
                  JOIN demo_build.city AS ci ON ci.locale_id = l.locale_id AND ci.pos = demo_build.h(g.id, 18) % l.n_city
                  JOIN demo_build.username AS un ON un.locale_id = 0 AND un.pos = demo_build.h(g.id, 19) % {{n_username}}
                  CROSS JOIN LATERAL (SELECT CASE demo_build.h(g.id, 6) % 6
                            WHEN 0 THEN f.ascii || '.' || s.ascii
                            WHEN 1 THEN f.ascii || s.ascii || (demo_build.h(g.id, 20) % 100)::text
                            WHEN 2 THEN left(f.ascii, 1) || '.' || s.ascii
                            WHEN 3 THEN f.ascii || '_' || s.ascii || to_char(date '1955-01-01' + (demo_build.h(g.id, 5) % (50 * 365))::int, 'YY')
                            WHEN 4 THEN f.ascii || left(s.ascii, 1) || (demo_build.h(g.id, 20) % 1000)::text
                            ELSE un.value || (demo_build.h(g.id, 20) % 100)::text END AS local_part) AS lp
               ) AS drawn
       ) AS deduplicated;
ALTER TABLE demo_build.people ADD PRIMARY KEY (id);
ANALYZE demo_build.people;
