-- The rule catalog: proposal from findings (FK groups, UNIQUE columns, JSON paths, free
-- text), approval, the masking expression per column, preflight refusals that name the
-- rule, and the digest of the rule set.
BEGIN;
SELECT plan(45);

CREATE TABLE public.users (id int PRIMARY KEY, email varchar(60) UNIQUE NOT NULL, phone text, full_name text,
                           national_id text UNIQUE, meta jsonb, notes text, dob date, code varchar(6), mood_col text);
CREATE TABLE public.audit_log (id int PRIMARY KEY, actor_email varchar(60) REFERENCES public.users (email), actor_name text);
CREATE TABLE public.parent (a int, b text, PRIMARY KEY (a, b));
CREATE TABLE public.child (x int, y text, FOREIGN KEY (x, y) REFERENCES public.parent);
CREATE TABLE public.grandchild (y text, x int, FOREIGN KEY (x, y) REFERENCES public.parent);
INSERT INTO public.users VALUES (1, 'Jane.Doe@Gmail.com', '+1 (212) 555-0101', 'Jane Doe', '123-45-6789', '{"contact": {"email": "jane@x.com"}}',
                                 'Customer Jane Doe called', '1984-06-03', 'AB1234', 'x'),
                                (2, 'bob@corp.com', '020 7946 0958', 'Bob Smith', '987-65-4321', NULL, NULL, NULL, NULL, NULL);
INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched, confidence, sensitivity, found_in, json_paths) VALUES
 ('public', 'users', 'email', 'email', 'character varying', 2, 2, 1, 'HIGH', 'value', '{}'),
 ('public', 'users', 'phone', 'phone', 'text', 2, 2, 1, 'HIGH', 'value', '{}'),
 ('public', 'users', 'full_name', 'person_name', 'text', 2, 2, 1, 'HIGH', 'value', '{}'),
 ('public', 'users', 'national_id', 'national_id', 'text', 2, 2, 1, 'HIGH', 'value', '{}'),
 ('public', 'users', 'national_id', 'phone', 'text', 2, 1, 0.5, 'HIGH', 'value', '{}'),
 ('public', 'users', 'meta', 'email', 'jsonb', 1, 1, 1, 'HIGH', 'json', '{$.contact.email}'),
 ('public', 'users', 'notes', 'person_name', 'text', 3, 1, 0.34, 'HIGH', 'text', '{}'),
 ('public', 'users', 'dob', 'birth_date', 'date', 1, 1, 1, 'HIGH', 'name', '{}'),
 ('public', 'users', 'id', 'national_id', 'integer', 2, 0, 0, 'LOW', 'value', '{}'),
 ('public', 'parent', 'b', 'username', 'text', 2, 2, 1, 'MEDIUM', 'value', '{}');

-- A manual keep decision survives proposals.
INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, origin, reviewed) VALUES ('public', 'users', 'code', 'keep', 'manual', true);

SELECT ok(anon.propose_rules() > 0, 'propose_rules turns findings into rules');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'email' AND table_name = 'users'), 'email', 'email column: email strategy');
SELECT is((SELECT strategy || ' ' || params::text FROM anon.rules WHERE column_name = 'national_id'), 'national_id {"injective": true}',
          'UNIQUE national ID: the most confident detector, made injective');
SELECT is((SELECT strategy || ' ' || domain FROM anon.rules WHERE table_name = 'audit_log' AND column_name = 'actor_email'), 'email email',
          'FK child gets the parent''s rule (domain email)');
SELECT is((SELECT count(*) FROM anon.rules WHERE table_name IN ('child', 'grandchild') AND strategy = 'pseudonym'), 2::bigint,
          'composite FK: every joined column (chains, any column order) follows the UNIQUE parent');
SELECT is((SELECT strategy FROM anon.rules WHERE table_name = 'parent' AND column_name = 'b'), 'pseudonym', 'username on a key column: pseudonym');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'meta' AND json_path = ''), 'json', 'JSON column: json strategy');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'meta' AND json_path = '$.contact.email'), 'email', 'JSON path: a rule of its own');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'notes'), 'redact', 'free text: redact');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'dob'), 'birth_date', 'name-only finding is proposed too');
SELECT is((SELECT count(*) FROM anon.rules WHERE column_name = 'id'), 0::bigint, 'LOW findings are not proposed');
SELECT is((SELECT strategy || origin FROM anon.rules WHERE column_name = 'code'), 'keepmanual', 'a manual keep is never overwritten');
SELECT is((SELECT count(*) FROM anon.rules WHERE reviewed AND origin = 'proposed'), 0::bigint, 'proposals are not reviewed');
SELECT is(anon.propose_rules(), 0, 'proposing again changes nothing');

UPDATE anon.rules SET strategy = 'hash' WHERE column_name = 'full_name';
UPDATE anon.rules SET reviewed = true WHERE column_name = 'full_name';
SELECT is(anon.propose_rules(), 0, 'a reviewed rule is not re-proposed');
SELECT is((SELECT strategy FROM anon.rules WHERE column_name = 'full_name'), 'hash', 'the reviewed rule stays as reviewed');

SELECT ok(anon.approve_rules('alice') > 0, 'approve_rules approves proposals');
SELECT is((SELECT count(*) FROM anon.rules WHERE NOT reviewed), 0::bigint, 'everything is reviewed');
SELECT is((SELECT reviewed_by FROM anon.rules WHERE column_name = 'phone'), 'alice'::name, 'the reviewer is recorded');

SELECT is(anon.column_expression('public', 'users', 'code', 't.code'), NULL, 'keep: nothing to do');
SELECT is(anon.column_expression('public', 'users', 'email', 't.email'),
          $$anon.mask_value('email', (t.email)::text, '{}'::jsonb, 'email')::character varying$$, 'email: the masker, cast without the length');
SELECT matches(anon.column_expression('public', 'users', 'meta', 't.meta'), '^anon\.mask_json\(\(t\.meta\)::jsonb, .*"contact", "email".*\)::jsonb$',
          'JSON: the walker with the rule paths');
SELECT lives_ok($$SELECT anon.preflight_rules('public.users')$$, 'preflight passes on consistent rules');
SELECT lives_ok($$UPDATE public.users t SET phone = anon.mask_value('phone', (t.phone)::text, '{}'::jsonb, 'phone')::text$$, 'the expression works in UPDATE ... SET');

-- Refusals name the rule.
UPDATE anon.rules SET strategy = 'nonsense' WHERE column_name = 'phone';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, 'rule % (public.users.phone, strategy nonsense) cannot apply: unknown strategy "nonsense"%', 'unknown strategy');
UPDATE anon.rules SET strategy = 'phone', params = '{"fictionl": true}' WHERE column_name = 'phone';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%unknown parameter "fictionl" for strategy phone%', 'unknown parameter');
UPDATE anon.rules SET params = '{}' WHERE column_name = 'phone';
UPDATE anon.rules SET params = '{}' WHERE column_name = 'national_id';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%national_id, strategy national_id) cannot apply: the column is UNIQUE%', 'non-injective strategy on a UNIQUE column');
UPDATE anon.rules SET params = '{"injective": true}' WHERE column_name = 'national_id';
UPDATE anon.rules SET strategy = 'address', domain = 'address' WHERE column_name = 'code';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%users.code, strategy address) cannot apply: masked values can be % characters long, the column holds 6', 'too long for varchar(6)');
UPDATE anon.rules SET strategy = 'keep' WHERE column_name = 'code';
UPDATE anon.rules SET strategy = 'email', domain = 'email' WHERE column_name = 'dob';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%users.dob, strategy email) cannot apply: strategy email does not apply to a column of type date', 'type mismatch');
UPDATE anon.rules SET strategy = 'birth_date', domain = 'birth_date' WHERE column_name = 'dob';
INSERT INTO public.users VALUES (4, 'a@' || repeat('x', 44) || '.com', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%users.email, strategy email) cannot apply: masked values can be 65 characters long, the column holds 60',
                   'an email whose masked form outgrows varchar(60)');
DELETE FROM public.users WHERE id = 4;
UPDATE anon.rules SET strategy = 'first_name', domain = 'first_name' WHERE table_name = 'audit_log' AND column_name = 'actor_email';
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%are joined by a foreign key but mask differently%', 'FK columns must mask alike');
UPDATE anon.rules SET strategy = 'email', domain = 'email' WHERE table_name = 'audit_log' AND column_name = 'actor_email';
INSERT INTO public.users VALUES (3, 'jane.doe@gmail.com', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT throws_like($$SELECT anon.preflight_rules('public.users')$$, '%1 addresses of this UNIQUE column differ only in case%', 'case-variant emails would collide');

SELECT is(length(anon.rules_sha256()), 64, 'rules_sha256 is a hex SHA-256');
CREATE TEMP TABLE digest AS SELECT anon.rules_sha256() AS h;
UPDATE anon.rules SET reviewed_by = 'bob', reviewed_at = now() - interval '1 day';
SELECT is(anon.rules_sha256(), (SELECT h FROM digest), 'who reviewed when is not part of the digest');
UPDATE anon.rules SET params = '{"length": 20}' WHERE column_name = 'full_name';
SELECT isnt(anon.rules_sha256(), (SELECT h FROM digest), 'changing a rule changes the digest');

-- JSON key names are classified once per column (known_keys), never per document; a key
-- that is data (an email used as a key) stays out of the masking SQL; a key first seen
-- after the sample is classified when met, so it is masked all the same.
INSERT INTO public.users (id, email, meta) VALUES
    (900, 'k1@example.org', '{"contact": {"email": "jane@example.org"}, "signup": {"source": "web"}, "Jane.Doe@example.org": {"x": 1}}');
SELECT is(anon.json_known_keys('public.users', 'meta'),
          '{"contact": null, "email": "email", "signup": null, "source": null, "x": null}'::jsonb,
          'known_keys: snake_case key names of the column with their kind, no key that is data');
SELECT unalike(anon.column_expression('public', 'users', 'meta', 't.meta'), '%Jane.Doe%',
               'the masking SQL (printed by the dry run) holds no key that is data');
SELECT is(anon.mask_json('{"signup": {"source": "web"}, "later": {"phone": "+44 20 7946 0958"}}',
                         '{"keys": true, "paths": [], "known_keys": {"signup": null, "source": null}}') #>> '{signup,source}',
          'web', 'a known key without a kind is kept');
SELECT isnt(anon.mask_json('{"signup": {"source": "web"}, "later": {"phone": "+44 20 7946 0958"}}',
                           '{"keys": true, "paths": [], "known_keys": {"signup": null, "source": null}}') #>> '{later,phone}',
            '+44 20 7946 0958', 'a key missing from known_keys is still classified and masked');


-- The walk skips containers no rule reaches ("within") and whose keys are all "quiet";
-- the result is the same as entering everything.
SELECT is(anon.json_path_prefixes('[{"path": ["contact", "phones", "*", "number"]}, {"path": ["top"]}, {"path": ["a.b", "c"]}]'),
          E'^(?:a\\.b)$|^(?:contact(?:\x1fphones(?:\x1f[^\x1f]*)?)?)$', 'within: every path strictly above a rule path, keys escaped');
CREATE TEMP TABLE json_specs AS
SELECT jsonb_build_object('keys', true, 'paths', jsonb_build_array(jsonb_build_object(
           'path', '["contact", "phones", "*", "number"]'::jsonb, 'match', E'^contact\x1fphones\x1f[^\x1f]*\x1fnumber$',
           'strategy', 'phone', 'domain', 'phone'))) AS full_walk,
       jsonb_build_object('keys', true, 'paths', jsonb_build_array(jsonb_build_object(
           'path', '["contact", "phones", "*", "number"]'::jsonb, 'match', E'^contact\x1fphones\x1f[^\x1f]*\x1fnumber$',
           'strategy', 'phone', 'domain', 'phone')),
           'known_keys', '{"contact": null, "phones": null, "number": null, "signup": null, "source": null, "deep": null}'::jsonb,
           'quiet', '{contact,deep,number,phones,signup,source}',
           'within', anon.json_path_prefixes('[{"path": ["contact", "phones", "*", "number"]}]')) AS pruned;
SELECT is(anon.mask_json(d.doc, s.pruned), anon.mask_json(d.doc, s.full_walk), 'pruned walk: ' || d.label)
  FROM json_specs s,
       (VALUES ('a rule path below a container without a rule', '{"contact": {"phones": [{"number": "+44 20 7946 0958"}]}, "signup": {"source": "web"}}'::jsonb),
               ('a PII-named key deep under quiet keys', '{"signup": {"deep": {"deep": {"email": "jane@example.org"}}}}'),
               ('an unknown key deep under quiet keys', '{"signup": {"deep": [{"iban": "DE89370400440532013000"}]}}')) AS d(label, doc);
SELECT is(anon.mask_json('{"signup": {"deep": {"deep": {"email": "jane@example.org"}}}}', s.pruned) #>> '{signup,deep,deep,email}',
          anon.mask_email('jane@example.org'), 'pruned walk: the deep email is masked')
  FROM json_specs s;
SELECT is(anon.mask_json('{"contact": {"phones": [{"number": "+44 20 7946 0958"}]}}', s.pruned) #>> '{contact,phones,0,number}',
          anon.mask_phone('+44 20 7946 0958'), 'pruned walk: the rule path under quiet keys is masked')
  FROM json_specs s;

SELECT * FROM finish();
ROLLBACK;
