-- The contracts other parts call: value_kinds, pii_tokens, pii_normalize, partial; and
-- that the hot-path ones are inlined (EXPLAIN VERBOSE no longer names them).
BEGIN;
SELECT * FROM no_plan();

SELECT is(anon.value_kinds(v), k::text[], 'value_kinds(' || COALESCE(v, 'NULL') || ')') FROM (VALUES
    ('jane.doe@gmail.com', '{email}'), ('+44 20 7946 0958', '{phone}'), ('DE89 3704 0044 0532 0130 00', '{iban}'),
    ('4111 1111 1111 1111', '{card_number}'), ('078-05-1121', '{national_id}'), ('19-2000145399/0800', '{bank_account}'),
    ('203.0.113.7', '{ip_address}'), ('$2b$12$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1', '{secret}'),
    ('221B Baker Street', '{address}'), ('Dřítenská 58, 311 53 Vejprty, Czechia', '{address}'),
    ('Viela Castro', '{}'),  -- a street name without any digit: anon.is_address only (docs/scan.md)
    ('Jane Doe', '{}'), ('hello', '{}'), ('', '{}'), (NULL, '{}')) AS t(v, k);

SELECT set_eq($$SELECT kind, token FROM anon.pii_tokens(
        'Customer Jane.Doe@Gmail.com (Jane Doe) called from +44 20 7946 0958 on 2021-03-04 12:30 about order 123456. '
        || 'IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111, SSN 078-05-1121, from 203.0.113.7.')$$,
    $$VALUES ('email', 'jane.doe@gmail.com'), ('phone', '442079460958'), ('iban', 'DE89370400440532013000'),
             ('card_number', '4111111111111111'), ('national_id', '078051121'), ('ip_address', '203.0.113.7'),
             ('person_name', 'customer jane'), ('person_name', 'jane doe')$$,
    'pii_tokens finds each kind once, normalised, and name candidates');
SELECT set_eq($$SELECT kind, token FROM anon.pii_tokens('Write to Ann.Lee@Example.org. Mr John Ronald Tolkien called.')$$,
    $$VALUES ('email', 'ann.lee@example.org'), ('person_name', 'mr john'),
             ('person_name', 'john ronald'), ('person_name', 'ronald tolkien')$$,
    'pii_tokens: an email before a full stop, every adjacent pair of a run of capitalised words');
SELECT is_empty($$SELECT * FROM anon.pii_tokens('order 2021-03-04, amount 1,234.50, version 1.2.3, zip 98052-6399')$$,
    'no tokens in dates, amounts, versions and zip codes');
SELECT is_empty($$SELECT * FROM anon.pii_tokens(NULL)$$, 'no tokens in NULL');

SELECT is(anon.pii_normalize(k, v), n, 'pii_normalize(' || k || ', ' || v || ')') FROM (VALUES
    ('email', '  Jane.Doe@Gmail.COM ', 'jane.doe@gmail.com'), ('phone', '+44 (20) 7946-0958', '442079460958'),
    ('phone', '0044 20 7946 0958', '442079460958'), ('iban', 'de89 3704 0044 0532 0130 00', 'DE89370400440532013000'),
    ('national_id', '078-05-1121', '078051121'), ('person_name', '  Jürgen   KÖHLER ', 'jurgen kohler'),
    ('address', ' 221B  Baker Street ', '221b baker street')) AS t(k, v, n);

SELECT is(anon.partial(v, k), p, 'partial(' || v || ', ' || k || ')') FROM (VALUES
    ('jane.doe@gmail.com', 'email', 'j***@gmail.com'), ('+44 20 7946 0958', 'phone', '+** ** **** **58'),
    ('4111 1111 1111 1111', 'card_number', '**** **** **** 1111'), ('DE89370400440532013000', 'iban', 'DE******************00'),
    ('078-05-1121', 'national_id', '***-**-**21'), ('Jane Doe', 'person_name', 'J*** D***'),
    ('1962-02-18', 'birth_date', '19**-**-**'), ('203.0.113.7', 'ip_address', '203.***'),
    ('89504e470d0a1a0a', 'photo', 'PNG image'), ('ffd8ffe000104a46', 'photo', 'JPEG image'),
    ('secret-value', 'secret', 's***')) AS t(v, k, p);
SELECT ok(anon.partial(v, k) <> v, 'partial never returns the value: ' || k) FROM (VALUES
    ('ab', 'email'), ('1234567', 'phone'), ('X', 'person_name'), ('12', 'card_number'), ('any', 'unknown')) AS t(v, k);
SELECT is(anon.partial(NULL, 'email'), NULL, 'partial of NULL is NULL');

SELECT is(anon.fold('KÖHLER'), 'kohler', 'fold removes case and accents');
SELECT is(anon.scan_hint_kinds(n), k::text[], 'hints for ' || n) FROM (VALUES
    ('email', '{email}'), ('backup_email', '{email}'), ('firstName', '{first_name}'), ('home_phone', '{phone}'),
    ('address_id', '{}'), ('Street Address', '{address}'), ('account_to', '{bank_account}'), ('title', '{}')) AS t(n, k);

-- Hot path: inlined into the caller's plan (no function call left in EXPLAIN VERBOSE).
CREATE TEMPORARY TABLE hot (v text);
CREATE FUNCTION pg_temp.plan_of(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; out text := ''; BEGIN
    FOR r IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || p_sql LOOP out := out || r || E'\n'; END LOOP;
    RETURN out; END $$;
SELECT unalike(pg_temp.plan_of('SELECT anon.' || f || ' FROM hot'), '%anon.' || split_part(f, '(', 1) || '(%',
               f || ' is inlined')
  FROM (VALUES ('value_kinds(v)'), ('pii_normalize(''email'', v)'), ('is_email(v)'), ('is_phone(v)'), ('is_iban(v)'),
               ('is_card_number(v)'), ('national_id_kind(v)'), ('is_address(v)'), ('address_word(v, 1)'),
               ('fold(v)'), ('luhn_valid(v)')) AS t(f);
SELECT unalike(pg_temp.plan_of('SELECT v = ANY (anon.address_words(''unit'')) FROM hot'), '%address_words%',
               'address_words folds into a constant array at plan time');
SELECT unalike(pg_temp.plan_of('SELECT t.* FROM hot, anon.pii_tokens(hot.v) t'), '%pii_tokens%', 'pii_tokens is inlined');
-- ... and a statement joining it to every row of a table can run in parallel workers
-- (validation reads whole tables through it): a WHERE inside one of its UNION ALL
-- branches would leave the branch as a subquery whose reference to the row is parallel
-- restricted. A temporary table never runs in parallel, so a plain one, dropped on rollback.
CREATE TABLE public.pgscrub_parallel_probe (v text);
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT alike(pg_temp.plan_of('SELECT t.kind, pg_catalog.count(*) FROM public.pgscrub_parallel_probe p, anon.pii_tokens(p.v) t GROUP BY t.kind'),
             '%Gather%Partial%Nested Loop%Parallel Seq Scan%',
             'pii_tokens runs inside parallel workers, next to the table scan');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

SELECT * FROM finish();
ROLLBACK;
