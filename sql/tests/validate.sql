-- Validation judges against keyed fingerprints of the originals, not by looks: planted
-- originals are found wherever they hide (a forgotten schema, another letter case or
-- format, a column added after the scan, a materialized view), naming table and column;
-- masked values that merely look like PII, or that equal somebody else's original (names
-- drawn from a dictionary), are not counted; a clean run reports zero and drops the
-- fingerprints. Masking is done by hand here (UPDATE), the way the run will do it.
BEGIN;
SELECT plan(31);

CREATE FUNCTION pg_temp.plan_of(p_query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v_line text; v_plan text := '';
BEGIN
    FOR v_line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || p_query LOOP v_plan := v_plan || v_line || E'\n'; END LOOP;
    RETURN v_plan;
END $$;

-- The hot-path helpers are inlined and parallel safe.
CREATE TEMP TABLE sample_values AS SELECT 'jane.doe@gmail.com'::text AS v;
SELECT unalike(pg_temp.plan_of('SELECT anon.fingerprint_value(''k''::bytea, v), anon.fingerprint_row(''k''::bytea, ''s.t.c'', ''1'', v), anon.fingerprint_shape(v), '
                               'anon.fingerprint(''k''::bytea, anon.fingerprint_value_message(v)), anon.fingerprint_row_message(''s.t.c'', ''1'', v) FROM sample_values'),
              '%anon.fingerprint_%', 'fingerprint helpers are inlined (no function call per value)');
SELECT is_empty($$SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'anon'::regnamespace
                   AND p.proname IN ('fingerprint_value', 'fingerprint_row', 'fingerprint_shape', 'fingerprint_norm',
                                      'fingerprint', 'fingerprint_value_message', 'fingerprint_row_message')
                   AND p.proparallel <> 's'$$, 'fingerprint helpers are parallel safe');
SELECT is(anon.fingerprint(anon.fingerprint_key(), anon.fingerprint_value_message('Jane@X.org')),
          anon.fingerprint_value(anon.fingerprint_key(), 'jane@x.org'),
          'a fingerprint of a value message is the value fingerprint (validation hashes messages)');
SELECT is(anon.fingerprint(anon.fingerprint_key(), anon.fingerprint_row_message('s.t.c', '1', ' Mary ')),
          anon.fingerprint_row(anon.fingerprint_key(), 's.t.c', '1', 'Mary'),
          'a fingerprint of a row message is the row-bound fingerprint');

SELECT is(anon.fingerprint_value(anon.fingerprint_key(), ' Jane.Doe@GMAIL.com '), anon.fingerprint_value(anon.fingerprint_key(), 'jane.doe@gmail.com'),
          'letter case and surrounding spaces do not change an email fingerprint');
SELECT is(anon.fingerprint_value(anon.fingerprint_key(), '+44 (20) 7946-0958'), anon.fingerprint_value(anon.fingerprint_key(), '0044 20 7946 0958'),
          'separators and the international prefix do not change an identifier fingerprint');
SELECT isnt(anon.fingerprint_row(anon.fingerprint_key(), 's.t.c', '1', 'Mary'), anon.fingerprint_row(anon.fingerprint_key(), 's.t.c', '2', 'Mary'),
            'row-bound fingerprints differ between rows holding the same value');
SELECT results_eq($$VALUES (anon.fingerprint_shape('jane@x.org')), (anon.fingerprint_shape('AB 12 34 56 C')),
                           (anon.fingerprint_shape('Customer jane@x.org called')), (anon.fingerprint_shape('shipped')),
                           (anon.fingerprint_shape('Order 123456 shipped'))$$,
                  $$VALUES ('email'), ('identifier'), ('text'), (NULL), ('text')$$,
                  'shapes: whole emails and identifiers, free text, nothing to check');
SELECT results_eq($$SELECT anon.fingerprint_shape(v) FROM (VALUES ('jane@x.org;john@y.org'), ('jane@x.org,john@y.org'),
                           ('mailto:jane@x.org'), ('https://shop.example/unsubscribe?u=jane@x.org'), ('jane@x.org@y.org')) AS t(v)$$,
                  $$VALUES ('text'), ('text'), ('text'), ('text'), ('text')$$,
                  'shapes: email lists, mailto: and URLs are text, so each email in them is compared');

-- A small shop, classified by hand the way the scan records it.
CREATE SCHEMA shop;
CREATE TABLE shop.customers (id int PRIMARY KEY, email text UNIQUE, first_name text, phone text,
                             national_id text, city text);
INSERT INTO shop.customers
SELECT i, pg_catalog.format('customer%s@mail.example', i), (ARRAY['Mary', 'John', 'Ann', 'Paul'])[1 + i % 4],
       pg_catalog.format('+44 20 7946 %s', pg_catalog.lpad(i::text, 4, '0')),
       pg_catalog.format('AB%sC', pg_catalog.lpad(i::text, 6, '0')), 'Leeds'
  FROM pg_catalog.generate_series(1, 200) AS i;
CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int REFERENCES shop.customers, status text);
INSERT INTO shop.orders SELECT i, 1 + i % 200, 'shipped' FROM pg_catalog.generate_series(1, 400) AS i;
-- restored from production already populated, so it holds the originals
CREATE MATERIALIZED VIEW shop.customer_contacts AS SELECT id, email FROM shop.customers;
CREATE TEMP TABLE originals AS SELECT * FROM shop.customers;

INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       CASE WHEN a.attname IN ('email', 'first_name', 'phone', 'national_id') THEN 'HIGH' ELSE 'LOW' END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE n.nspname = 'shop';
DELETE FROM anon.pending_columns;
INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched, confidence, sensitivity)
VALUES ('shop', 'customers', 'phone', 'phone', 'text', 100, 100, 1, 'HIGH'),
       ('shop', 'customers', 'national_id', 'national_id', 'text', 100, 100, 1, 'HIGH');
INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed)
VALUES ('shop', 'customers', 'email', 'email', true), ('shop', 'customers', 'first_name', 'first_name', true),
       ('shop', 'customers', 'phone', 'phone', true), ('shop', 'customers', 'national_id', 'hash', true),
       ('shop', 'customers', 'city', 'keep', true),
       ('shop', 'customer_contacts', 'email', 'keep', true);
INSERT INTO anon.runs (pgscrub_version) VALUES ('test') RETURNING run_id AS run \gset

-- What the run does for each table before masking it.
SELECT is(anon.capture_fingerprints(:run, 'shop.customers'), 200::bigint * 6,
          'capture: one fingerprint per value of each masked column, and phones/IDs also by value');
SELECT is(anon.capture_fingerprints(:run, 'shop.customers'), 0::bigint,
          'capture again in the same run (a resumed run) keeps the first capture');
SELECT results_eq($$SELECT kind, count(*) FROM anon.fingerprints GROUP BY kind ORDER BY kind$$,
                  $$VALUES ('email', 200::bigint), ('national_id', 200), ('phone', 200), ('row', 600)$$,
                  'emails by value; names, phones and IDs row-bound; phones and IDs also by value');
SELECT is((SELECT key_columns::text || ' ' || value_columns::text FROM anon.fingerprint_captures),
          '{id} {email,first_name,phone,national_id}',
                  'the capture records the row key (the primary key) and the columns');

-- Masking by hand; the first 3 customers stay untouched (a crashed or partial run).
UPDATE shop.customers
   SET email = 'x' || pg_catalog.left(pg_catalog.md5(email), 10) || '@mail.example',
       first_name = (ARRAY['Mary', 'John', 'Ann', 'Paul'])[1 + (id + 1) % 4],   -- someone else's real name
       phone = pg_catalog.format('+44 20 7000 %s', pg_catalog.lpad(id::text, 4, '0')),
       national_id = pg_catalog.upper(pg_catalog.left(pg_catalog.md5(national_id), 9))
 WHERE id > 3;
UPDATE anon.runs SET status = 'masked' WHERE run_id = :run;

-- Planted leaks.
CREATE SCHEMA forgotten;
CREATE TABLE forgotten.email_logs (id int, recipient text, contact text, masked_copy text);
INSERT INTO forgotten.email_logs
SELECT o.id, o.email, CASE WHEN o.id = 20 THEN pg_catalog.upper(o.email) WHEN o.id = 21 THEN '+44 (20) 7946-0021' END,
       c.email
  FROM originals o JOIN shop.customers c USING (id) WHERE o.id BETWEEN 10 AND 24;
ALTER TABLE shop.orders ADD COLUMN backup_email text;   -- after the scan: the watcher records it
UPDATE shop.orders SET backup_email = (SELECT email FROM originals WHERE id = 30) WHERE id = 7;
INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
VALUES ('forgotten', 'email_logs', 'id', 'integer', 'LOW'), ('forgotten', 'email_logs', 'recipient', 'text', 'LOW'),
       ('forgotten', 'email_logs', 'contact', 'text', 'LOW'), ('forgotten', 'email_logs', 'masked_copy', 'text', 'LOW');
DELETE FROM anon.pending_columns WHERE schema_name = 'forgotten';

CREATE TEMP TABLE result AS SELECT * FROM anon.validate(:run);
SELECT results_eq(
    $$SELECT schema_name::text COLLATE "default", table_name::text COLLATE "default", column_name::text COLLATE "default", real_pii_remaining, status
        FROM result WHERE status = 'MISSED' ORDER BY 1, 2, 3$$,
    $$VALUES ('forgotten', 'email_logs', 'contact', 2::bigint, 'MISSED'),
             ('forgotten', 'email_logs', 'recipient', 15, 'MISSED'),
             ('shop', 'customer_contacts', 'email', 200, 'MISSED'),
             ('shop', 'customers', 'email', 3, 'MISSED'),
             ('shop', 'customers', 'first_name', 3, 'MISSED'),
             ('shop', 'customers', 'national_id', 3, 'MISSED'),
             ('shop', 'customers', 'phone', 3, 'MISSED'),
             ('shop', 'orders', 'backup_email', 1, 'MISSED')$$,
    'every planted original is found, named by table and column, and counted; unmasked rows too');
SELECT is((SELECT status FROM result WHERE column_name = 'masked_copy'), 'Clean',
          'masked emails copied elsewhere merely look like emails: not counted');
SELECT is((SELECT real_pii_remaining FROM result WHERE table_name = 'customers' AND column_name = 'first_name'), 3::bigint,
          'masked first names equal to other customers'' real names are not leaks; unmasked rows are');
SELECT is((SELECT rows_checked FROM result WHERE table_name = 'orders' AND column_name = 'status'), 400::bigint,
          'every row is read');
SELECT matches((SELECT reason FROM result WHERE column_name = 'id' AND table_name = 'orders'), '^skipped: integer',
               'types that cannot hold identifiers are skipped, and the reason says so');
SELECT is((SELECT status FROM anon.runs WHERE run_id = :run), 'missed', 'the run is marked missed');
SELECT isnt((SELECT count(*) FROM anon.fingerprints), 0::bigint, 'fingerprints are kept while PII remains');
SELECT is((SELECT detail ->> 'event' FROM anon.gate_events WHERE event = 'alert'), 'validation_missed',
          'a MISSED validation raises an alert');
SELECT unalike((SELECT pg_catalog.string_agg(detail::text, ' ') FROM anon.gate_events), '%customer%@mail.example%',
              'the alert names tables and columns, never a value');

-- Fix everything: the run finishes, the stray data goes, the materialized view is refreshed.
UPDATE shop.customers
   SET email = 'x' || pg_catalog.left(pg_catalog.md5(email), 10) || '@mail.example',
       first_name = 'Zoe', phone = '+1 555 0100', national_id = 'X' || id
 WHERE id <= 3;
DROP SCHEMA forgotten CASCADE;
ALTER TABLE shop.orders DROP COLUMN backup_email;
REFRESH MATERIALIZED VIEW shop.customer_contacts;
DELETE FROM anon.pending_columns;

SELECT is((SELECT count(*) FROM anon.validate(:run) WHERE status = 'MISSED'), 0::bigint, 'a clean run reports zero MISSED');
SELECT is((SELECT sum(real_pii_remaining) FROM anon.validation WHERE run_id = :run), 0::numeric,
          'and zero real PII remaining');
SELECT is((SELECT status FROM anon.runs WHERE run_id = :run), 'clean', 'the run is marked clean');
SELECT is((SELECT count(*) FROM anon.fingerprints), 0::bigint, 'the fingerprints are dropped once clean');
SELECT isnt((SELECT dropped_at FROM anon.fingerprint_captures), NULL, 'the capture record says when');
SELECT ok((SELECT steps ? 'validate' FROM anon.runs WHERE run_id = :run), 'the run records how long validation took');
SELECT is((SELECT count(*) FROM anon.validation WHERE run_id = :run),
          (SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'shop'::regnamespace AND c.relkind IN ('r', 'm') AND a.attnum > 0 AND NOT a.attisdropped),
          'one validation row per column of every table and materialized view');

-- Refusals.
SELECT throws_ok($$SELECT anon.validate(424242)$$, 'P0002', 'there is no masking run 424242',
                 'validating an unknown run says so');
SET LOCAL anon.secret = '';
SELECT throws_ok($$SELECT anon.validate()$$, '22023', 'no masking secret in this session',
                 'validation needs the secret (fingerprints are keyed)');

SELECT * FROM finish();
ROLLBACK;
