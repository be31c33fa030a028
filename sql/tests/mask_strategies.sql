-- The masking strategies: formats and checksums kept, NULL and '' kept, deterministic,
-- keyed (a new secret changes them), and inlined (the hot path never calls a function
-- of its own per row).
BEGIN;
SELECT plan(76);

-- Helpers for the checks (rolled back with the test).
CREATE FUNCTION pg_temp.luhn_ok(p text) RETURNS boolean LANGUAGE sql AS $$
    SELECT sum(CASE WHEN i % 2 = 0 THEN (CASE WHEN d * 2 > 9 THEN d * 2 - 9 ELSE d * 2 END) ELSE d END) % 10 = 0
      FROM (SELECT (substr(r, i, 1))::int AS d, i FROM (SELECT reverse(translate(p, ' -', '')) AS r) x,
            generate_series(1, length(translate(p, ' -', ''))) AS i) y $$;
CREATE FUNCTION pg_temp.iban_ok(p text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE s text := upper(replace(p, ' ', '')); n text := ''; c text;
BEGIN
    s := substr(s, 5) || left(s, 4);
    FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
        n := n || CASE WHEN c ~ '[A-Z]' THEN (ascii(c) - 55)::text ELSE c END;
    END LOOP;
    RETURN n::numeric % 97 = 1;
END $$;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text; o text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP o := o || r || E'\n'; END LOOP;
    RETURN o;
END $$;
CREATE TEMP TABLE v (email text, phone text, ssn text, name text, iban text, card text);
INSERT INTO v VALUES ('Jane.Doe@Gmail.com', '+1 (212) 555-0101', '123-45-6789', 'Jane Doe', 'DE89 3704 0044 0532 0130 00', '4111 1111 1111 1111');

-- Email
SELECT is(anon.mask_email('Jane.Doe@Gmail.com'), anon.mask_email('jane.doe@gmail.com'), 'email: case-insensitive');
SELECT is(anon.mask_email(' jane.doe@gmail.com '), anon.mask_email('jane.doe@gmail.com'), 'email: surrounding spaces ignored');
SELECT matches(anon.mask_email('Jane.Doe@Gmail.com'), '^[0-9a-f]{16}@gmail\.com$', 'email: keyed local part, domain kept');
SELECT isnt(anon.mask_email('jane.doe@gmail.com'), anon.mask_email('john.doe@gmail.com'), 'email: different inputs differ');
SELECT is(split_part(anon.mask_email('x@corp.com', '{"keep_domains": ["gmail.com"]}'), '@', 1), split_part(anon.mask_email('x@corp.com'), '@', 1), 'email: same local part whatever the domain option');
SELECT matches(anon.mask_email('x@corp.com', '{"keep_domains": ["gmail.com"]}'), '@example\.com$', 'email: rare domains become other_domain');
SELECT matches(anon.mask_email('x@corp.com', '{"domain_map": {"corp.com": "corp.example"}}'), '@corp\.example$', 'email: domain_map');
SELECT matches(anon.mask_email('x@gmail.com', '{"keep_domains": ["gmail.com"]}'), '@gmail\.com$', 'email: kept domains stay');
SELECT is(anon.mask_email(NULL), NULL, 'email: NULL stays NULL');
SELECT is(anon.mask_email(''), '', 'email: empty stays empty');
SELECT isnt(anon.mask_email('jane.doe@gmail.com', '{}', 'other'), anon.mask_email('jane.doe@gmail.com'), 'email: the domain separates outputs');

-- Phone
SELECT matches(anon.mask_phone('+1 (212) 555-0101'), '^\+1 \([2-9][0-9]{2}\) 555-01[0-9]{2}$', 'phone: NANP goes to NPA-555-01xx, shape kept');
SELECT matches(anon.mask_phone('212.555.0199'), '^[2-9][0-9]{2}\.555\.01[0-9]{2}$', 'phone: NANP without country code');
SELECT is(regexp_replace(anon.mask_phone('(212) 555-0199'), '\D', '', 'g'), regexp_replace(anon.mask_phone('212.555.0199'), '\D', '', 'g'), 'phone: separators do not change the fake digits');
SELECT matches(anon.mask_phone('+44 20 7946 0958'), '^\+44 [0-9]{2} [0-9]{4} [0-9]{4}$', 'phone: country code and grouping kept');
SELECT matches(anon.mask_phone('020 7946 0958'), '^0[0-9]{2} [0-9]{4} [0-9]{4}$', 'phone: trunk 0 kept');
SELECT matches(anon.mask_phone('0049 30 1234567'), '^0049 [0-9]{2} [0-9]{7}$', 'phone: 00 international prefix kept');
SELECT matches(anon.mask_phone('+1 (212) 555-0101', '{"fictional": false}'), '^\+1 \([0-9]{3}\) [0-9]{3}-[0-9]{4}$', 'phone: fictional off keeps the shape');
SELECT matches(anon.mask_phone('+44 20 7946 0958', '{"injective": true}'), '^\+44 [0-9]{2} [0-9]{4} [0-9]{4}$', 'phone: injective keeps the shape');
SELECT matches(anon.mask_phone('50% 123'), '^[0-9]{2}% [0-9]{3}$', 'phone: a % sign does not break the fill');
SELECT is(anon.mask_phone(NULL), NULL, 'phone: NULL');
SELECT is(anon.mask_phone(''), '', 'phone: empty');

-- National IDs
SELECT matches(anon.mask_national_id('123-45-6789'), '^[1-8][1-9]{2}-[1-9]{2}-[1-9]{4}$', 'SSN: shape, valid ranges');
SELECT ok(left(anon.mask_national_id('123-45-6789'), 3) <> '666', 'SSN: never area 666');
SELECT is(anon.mask_national_id('123456789'), replace(anon.mask_national_id('123-45-6789'), '-', ''), 'SSN: both spellings agree');
SELECT is(substr('TRWAGMYFPDXBNJZSQVHLCKE', left(anon.mask_national_id('12345678Z'), 8)::int % 23 + 1, 1), 'Z', 'DNI: check letter still valid');
SELECT matches(anon.mask_national_id('12345678Z'), '^[0-9]{8}Z$', 'DNI: format');
SELECT is(substr('TRWAGMYFPDXBNJZSQVHLCKE', ('1' || substr(anon.mask_national_id('Y1234567X'), 2, 7))::int % 23 + 1, 1), 'X', 'NIE: check letter still valid');
SELECT matches(anon.mask_national_id('AB 12 34 56 C'), '^AB [0-9]{2} [0-9]{2} [0-9]{2} C$', 'other IDs: digits replaced, letters and separators kept');
SELECT isnt(anon.mask_national_id('AB 12 34 56 C'), 'AB 12 34 56 C', 'other IDs: changed');
SELECT ok(anon.is_cz_birth_number(m) AND m ~ '^[0-9]{6}/[0-9]{3}$' AND m <> v, 'birth number of nine digits (before 1954) stays one: ' || v)
  FROM (VALUES ('395104/123'), ('520101/001')) AS t(v), LATERAL anon.mask_national_id(v) AS m;
SELECT ok(anon.is_cz_birth_number(m) AND substr(m, 3, 2)::int > 50 AND m <> '545221/4669', 'birth number: valid, the +50 month class kept')
  FROM anon.mask_national_id('545221/4669') AS m;
SELECT ok(anon.is_fr_nir(m) AND m ~ '^[12] [0-9]{2} [0-9]{2} 2A [0-9]{3} [0-9]{3} [0-9]{2}$' AND m <> v, 'Corsican NIR stays a valid one: ' || v || ' -> ' || m)
  FROM (SELECT '1 80 01 2A 004 001 ' || lpad((97 - (1800119004001 % 97))::text, 2, '0')) AS t(v), LATERAL anon.mask_national_id(v) AS m;
SELECT ok(anon.is_fr_nir(m) AND m ~ '^[12][0-9]{4}2B[0-9]{8}$' AND m <> v, 'Corsican NIR, compact, stays a valid one: ' || v || ' -> ' || m)
  FROM (SELECT '180012B004001' || lpad((97 - (1800118004001 % 97))::text, 2, '0')) AS t(v), LATERAL anon.mask_national_id(v) AS m;
SELECT is((SELECT count(DISTINCT anon.mask_national_id(lpad(g::text, 4, '0'), '{"injective": true}')) FROM generate_series(0, 9999) g),
          10000::bigint, 'injective: 10000 four-digit IDs give 10000 distinct fakes');

-- IBAN and cards
SELECT ok(pg_temp.iban_ok(anon.mask_iban('DE89 3704 0044 0532 0130 00')), 'IBAN: mod-97 valid (DE, grouped)');
SELECT ok(pg_temp.iban_ok(anon.mask_iban('GB29NWBK60161331926819')), 'IBAN: mod-97 valid (GB, bank letters)');
SELECT matches(anon.mask_iban('GB29NWBK60161331926819'), '^GB29NWBK[0-9]{14}$', 'IBAN: country, check digits, bank letters, length kept');
SELECT matches(anon.mask_iban('DE89 3704 0044 0532 0130 00'), '^DE89( [0-9]{4}){4} [0-9]{2}$', 'IBAN: grouping kept');
SELECT isnt(anon.mask_iban('DE89370400440532013000'), 'DE89370400440532013000', 'IBAN: changed');
SELECT ok(pg_temp.luhn_ok(anon.mask_card_number('4111 1111 1111 1111')), 'card: Luhn-valid');
SELECT matches(anon.mask_card_number('4111 1111 1111 1111'), '^4111 11[0-9]{2} [0-9]{4} [0-9]{4}$', 'card: issuer prefix, length, grouping kept');
SELECT ok(pg_temp.luhn_ok(anon.mask_card_number('378282246310005')) AND length(anon.mask_card_number('378282246310005')) = 15, 'card: Amex length, Luhn-valid');

-- Names, addresses, dictionaries
SELECT is(anon.mask_value('person_name', 'Jane Doe'), anon.mask_value('person_name', ' jane doe'), 'names: case and spaces do not matter');
SELECT matches(anon.mask_value('person_name', 'Jane Doe'), '^\S+( \S+)+$', 'names: "First Last"');
SELECT is(anon.mask_value('person_name', 'JANE DOE'), upper(anon.mask_value('person_name', 'Jane Doe')), 'names: capitals kept');
SELECT ok(length(anon.mask_value('first_name', 'Jane')) BETWEEN 1 AND 12, 'first names fit 12 bytes');
SELECT ok(anon.mask_value('city', 'London') IS NOT NULL AND anon.mask_value('address', '221B Baker Street') IS NOT NULL, 'cities and addresses');
SELECT is((SELECT count(DISTINCT anon.mask_value('person_name', 'person ' || g)) > 900 FROM generate_series(1, 1000) g), true, 'names: spread over the dictionary');

-- Dates, IPs, hashes, text, JSON
SELECT is(date_part('year', anon.mask_birth_date('1984-06-03')), 1984::double precision, 'birth date: year kept (default)');
SELECT ok(abs(anon.mask_birth_date('1984-06-03', '{"mode": "shift", "max_days": 10}') - date '1984-06-03') <= 10, 'birth date: shift within max_days');
SELECT is(anon.mask_birth_date('1984-06-03', '{"mode": "band"}'), date '1980-01-01', 'birth date: band');
SELECT is(ARRAY[anon.mask_birth_date('300000-02-03'), anon.mask_birth_date('5874897-12-31', '{"mode": "shift", "max_days": 3650}'),
                 anon.mask_birth_date('4714-11-24 BC'), anon.mask_birth_date('infinity')],
          ARRAY[anon.mask_birth_date('300000-02-03'), '5874890-01-01', '4710-01-01 BC', 'infinity']::date[],
          'birth date: garbage past the timestamp range or at the ends of the date range is masked, never an error');
SELECT isnt(anon.mask_birth_date('300000-02-03'), '300000-02-03'::date, 'birth date: past the timestamp range, a day of the same year');
SELECT is((SELECT count(*) FROM generate_series(date '1955-01-01', date '2005-12-31', interval '1 day') AS d
            WHERE anon.mask_birth_date(d::date) IN (d::date) OR date_part('year', anon.mask_birth_date(d::date)) <> date_part('year', d)
               OR anon.mask_birth_date(d::date, '{"mode": "shift", "max_days": 1}') NOT IN (d::date - 1, d::date + 1)),
          0::bigint, 'birth date: never the input, in year mode (same year) and shift mode (within max_days), over 51 years of days');
SELECT ok(anon.mask_ip('203.0.113.7') << inet '203.0.113.0/24' AND anon.mask_ip('203.0.113.7') <> inet '203.0.113.7', 'IP: /24 prefix kept, host changed');
SELECT ok(anon.mask_ip('203.0.113.7', '{"mode": "pseudonymize"}') << inet '10.0.0.0/8', 'IP: pseudonymized into 10/8');
SELECT is(anon.mask_ip_text('203.0.113.7'), host(anon.mask_ip('203.0.113.7')), 'IP as text');
SELECT matches(anon.mask_hash('x', '{"length": 20}'), '^[0-9a-f]{20}$', 'hash: length');
SELECT is(anon.mask_redact('Customer Jane Doe (jane.doe@gmail.com) called +44 20 7946 0958 about card 4111 1111 1111 1111.'),
          'Customer [NAME] ([EMAIL]) called [PHONE] about card [CARD].', 'redact: placeholders, rest untouched');
SELECT is(anon.mask_redact('Hi, my name is Lukáš Kraus and the card fails. Élodie Durand too.'),
          'Hi, my name is [NAME] and the card fails. [NAME] too.', 'redact: names with accented letters, under any locale');
SELECT is(anon.mask_redact('Mail jane.doe@gmail.com', '{"mode": "pseudonym"}'), 'Mail ' || anon.mask_email('jane.doe@gmail.com'),
          'redact: pseudonyms are the column fakes');
SELECT is(anon.mask_json('{"a": {"email": "Jane@x.com", "n": 5, "ok": true}, "list": [{"phone": 2125550101}]}', '{"keys": true, "paths": []}')
          -> 'a' ->> 'email', anon.mask_email('Jane@x.com'), 'JSON: PII-named keys at any depth');
SELECT is(jsonb_typeof(anon.mask_json('{"list": [{"phone": 2125550101}]}', '{"keys": true, "paths": []}') #> '{list,0,phone}'), 'number', 'JSON: numbers stay numbers');
SELECT is(anon.mask_json('{"x": {"y": "jane@x.com"}, "ok": true}', jsonb_build_object('keys', false, 'paths', jsonb_build_array(jsonb_build_object('match', E'^x\x1fy$', 'strategy', 'email', 'domain', 'email')))),
          jsonb_build_object('x', jsonb_build_object('y', anon.mask_email('jane@x.com')), 'ok', true), 'JSON: rule paths, shape kept');
SELECT is(anon.mask_json('{"": {"email": "jane@example.org"}}', '{"keys": true, "paths": []}'),
          jsonb_build_object('', jsonb_build_object('email', anon.mask_email('jane@example.org'))),
          'JSON: a key "" is masked in place, not mistaken for the root');
SELECT is(anon.mask_json(jsonb_build_object(E'a\x1fb', jsonb_build_object('email', 'jane@example.org')), '{"keys": true, "paths": []}'),
          jsonb_build_object(E'a\x1fb', jsonb_build_object('email', anon.mask_email('jane@example.org'))),
          'JSON: a key holding the path separator U+001F is masked in place');
SELECT is(anon.mask_json('{"phone": {"email": "jane@example.org", "mobile": "+44 20 7946 0958"}}', '{"keys": true, "paths": []}'),
          jsonb_build_object('phone', jsonb_build_object('email', anon.mask_email('jane@example.org'),
                                                         'mobile', anon.mask_phone('+44 20 7946 0958'))),
          'JSON: a PII key inside another PII key is masked as its own kind');
SELECT is(anon.mask_json('{"phone": "jane@example.org"}', '{"keys": true, "paths": []}'),
          jsonb_build_object('phone', anon.mask_email('jane@example.org')),
          'JSON: a value its key''s masker leaves whole goes through the free-text masker');
SELECT throws_ok($$SELECT anon.rule_json_path(E'$."a\x1fb".c')$$, '22023', NULL, 'json_path: the path separator U+001F is refused');

-- The secret
SELECT isnt(anon.mask_email('jane.doe@gmail.com'), (SELECT anon.mask_email('jane.doe@gmail.com') FROM (SELECT set_config('anon.secret', 'a-completely-different-secret', true)) s),
            'a new secret changes the output');
SELECT set_config('anon.secret', 'pgscrub-DEMO-SECRET-not-for-real-data', true);
SELECT set_config('anon.secret', '', true);
SELECT throws_like($$SELECT anon.mask_phone('+44 20 7946 0958')$$, '%set anon.secret for this session%', 'no secret: a clear error, never an empty key');
SELECT set_config('anon.secret', 'pgscrub-DEMO-SECRET-not-for-real-data', true);

-- Inlining: the statement plan holds no call to our maskers or helpers.
SELECT doesnt_match(pg_temp.plan_of($$SELECT anon.mask_value('email', email, '{}', 'email'), anon.mask_value('phone', phone, '{}', 'phone'),
                                       anon.mask_value('national_id', ssn, '{}', 'national_id'), anon.mask_value('iban', iban, '{}', 'iban')
                                  FROM pg_temp.v$$), 'anon\.(mask|pseudo(?!_check_digits|_valid_national_id)|dict|keyed)_',
              'email, phone, national_id, IBAN inline (only the checksummed IDs call pseudo_check_digits or pseudo_valid_national_id, like cards pseudo_luhn)');
SELECT doesnt_match(pg_temp.plan_of($$SELECT anon.mask_value('person_name', name, '{}', 'person_name'), anon.mask_value('address', name, '{}', 'address'),
                                       anon.mask_value('hash', email, '{}', 'hash'), anon.mask_value('pseudonym', email, '{}', 'pseudonym'),
                                       anon.mask_value('postal_code', phone, '{}', 'postal_code'), anon.mask_value('digits', ssn, '{}', 'digits')
                                  FROM pg_temp.v$$), 'anon\.(mask|pseudo|dict|keyed)_', 'dictionary, hash, pseudonym, postal code, digits inline, dictionaries folded');
SELECT doesnt_match(pg_temp.plan_of($$SELECT anon.mask_birth_date(current_date), anon.mask_ip(inet '1.2.3.4') FROM pg_temp.v$$),
              'anon\.(mask|pseudo|dict|keyed)_', 'dates and IPs inline');

SELECT * FROM finish();
ROLLBACK;
