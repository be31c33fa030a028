-- anon.is_phone: E.164, North American and European national formats; dates, amounts,
-- ids, zip codes and the like are not phones. Includes the 24 formats of chinook.
BEGIN;
SELECT * FROM no_plan();

SELECT ok(anon.is_phone(v), 'phone: ' || v) FROM (VALUES
    -- E.164 and international
    ('+442079460958'), ('+44 20 7946 0958'), ('+1 (514) 721-4711'), ('+55 (12) 3923-5555'),
    ('+49 0711 2842222'), ('+420 2 4172 5555'), ('+47 22 44 22 22'), ('+33 01 49 70 65 65'),
    ('+353 01 6792424'), ('+91 0124 39883988'), ('+61 (02) 9332 3633'), ('+31 020 6223130'),
    ('+39 06 39733434'), ('+46 08-651 52 52'), ('+48 22 828 37 39'), ('+351 (225) 022-448'),
    ('+54 (0)11 4311 4333'), ('+56 (0)2 635 4444'), ('+358 09 870 2000'), ('+36 (01) 339-6505'),
    ('+45 3331 2222'), ('+34 914 454 454'), ('+32 02 219 03 03'), ('+43 01 5134505'),
    -- North American
    ('(555) 010-4477'), ('555-010-4477'), ('555.010.4477'), ('1-800-222-0451'), ('(206) 555-9857'),
    -- European national and old listings
    ('030-0074321'), ('0921-12 34 67'), ('031-987 65 91'), ('(5) 555-4729'), ('(171) 555-7788'),
    ('(03) 3555-5011'), ('(04721) 8714'), ('020 7946 0958'), ('06 12 34 56 78')) AS t(v);

SELECT ok(NOT anon.is_phone(v), 'not a phone: ' || v) FROM (VALUES
    -- bare digit strings (ids): only a column named like a phone makes them phones
    ('14033335568'), ('123456789'),
    -- dates and times
    ('2021-01-06'), ('06/01/2021'), ('06.01.2021'), ('2021/1/6'), ('12:30:45'),
    -- amounts
    ('1,234,567.89'), ('1 234 567'), ('12.50'), ('-1234.5'),
    -- zip codes and ids
    ('12227-000'), ('98052-6399'), ('078-05-1120'), ('ORD-1234567'), ('192.168.100.200'),
    -- text
    ('call me maybe'), ('+'), ('(555)'), ('10 boxes x 20 bags')) AS t(v);
SELECT is(anon.is_phone(NULL), NULL, 'NULL in, NULL out');

SELECT * FROM finish();
ROLLBACK;
