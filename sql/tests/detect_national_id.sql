-- National identifiers: each checker with valid numbers and numbers that fail its
-- structural or checksum rule; anon.national_id_kind dispatches to the right one.
BEGIN;
SELECT * FROM no_plan();

-- US SSN: area not 000/666/9xx, group not 00, serial not 0000, not the advertised ones
SELECT ok(anon.is_us_ssn(v), 'SSN valid: ' || v) FROM (VALUES ('078-05-1121'), ('536 90 4399'), ('001-01-0001')) AS t(v);
SELECT ok(NOT anon.is_us_ssn(v), 'SSN invalid: ' || v) FROM (VALUES
    ('000-12-3456'), ('666-12-3456'), ('912-12-3456'), ('123-00-4567'), ('123-45-0000'),
    ('078-05-1120'), ('219-09-9999'), ('123-45 6789'), ('12-345-6789'), ('536904399')) AS t(v);

-- UK NINO
SELECT ok(anon.is_uk_nino(v), 'NINO valid: ' || v) FROM (VALUES ('AB123456C'), ('ab 12 34 56 c'), ('JG103759A')) AS t(v);
SELECT ok(NOT anon.is_uk_nino(v), 'NINO invalid: ' || v) FROM (VALUES
    ('DA123456C'), ('AO123456C'), ('BG123456C'), ('GB123456C'), ('NK123456C'), ('AB123456E'), ('AB12345C')) AS t(v);

-- German Steuer-IdNr: digit repetition rule and MOD 11,10 check digit
SELECT ok(anon.is_de_steuer_id(v), 'Steuer-ID valid: ' || v) FROM (VALUES
    ('86095742719'), ('47036892816'), ('65929970489'), ('57549285017'), ('25768131411'), ('86 095 742 719')) AS t(v);
SELECT ok(NOT anon.is_de_steuer_id(v), 'Steuer-ID invalid: ' || v) FROM (VALUES
    ('86095742718'), ('06095742719'), ('12345678901'), ('11111111111'), ('1234567890')) AS t(v);

-- French NIR with its mod-97 key, Corsica as 2A/2B
SELECT ok(anon.is_fr_nir(v), 'NIR valid: ' || v) FROM (VALUES
    ('2 55 08 14 168 025 38'), ('255081416802538'),
    ('1 80 01 2A 004 001 ' || lpad((97 - (1800119004001 % 97))::text, 2, '0'))) AS t(v);
SELECT ok(NOT anon.is_fr_nir(v), 'NIR invalid: ' || v) FROM (VALUES
    ('2 55 08 14 168 025 39'), ('5 55 08 14 168 025 38'), ('2 55 13 14 168 025 38'), ('25508141680253')) AS t(v);

-- Spanish DNI / NIE control letter
SELECT ok(anon.is_es_dni(v), 'DNI/NIE valid: ' || v) FROM (VALUES ('12345678Z'), ('12345678-z'), ('X1234567L'), ('Y0000000Z')) AS t(v);
SELECT ok(NOT anon.is_es_dni(v), 'DNI/NIE invalid: ' || v) FROM (VALUES ('12345678A'), ('X1234567A'), ('W1234567L'), ('1234567Z')) AS t(v);

-- Italian codice fiscale (omocodia letters in digit places allowed)
SELECT ok(anon.is_it_codice_fiscale(v), 'codice fiscale valid: ' || v) FROM (VALUES ('RSSMRA85T10A562S'), ('rssmra85t10a562s')) AS t(v);
SELECT ok(NOT anon.is_it_codice_fiscale(v), 'codice fiscale invalid: ' || v) FROM (VALUES
    ('RSSMRA85T10A562T'), ('RSSMRA85Z10A562S'), ('RSSMRA85T99A562S'), ('RSSMRA85T10A562')) AS t(v);

-- Dutch BSN 11-test
SELECT ok(anon.is_nl_bsn(v), 'BSN valid: ' || v) FROM (VALUES ('111222333'), ('123456782'), ('1112.22.333')) AS t(v);
SELECT ok(NOT anon.is_nl_bsn(v), 'BSN invalid: ' || v) FROM (VALUES ('123456789'), ('000000000'), ('11122233'), ('1234567890')) AS t(v);

-- Brazilian CPF
SELECT ok(anon.is_br_cpf(v), 'CPF valid: ' || v) FROM (VALUES ('529.982.247-25'), ('52998224725'), ('111.444.777-35')) AS t(v);
SELECT ok(NOT anon.is_br_cpf(v), 'CPF invalid: ' || v) FROM (VALUES ('529.982.247-24'), ('111.111.111-11'), ('123.456.789-00'), ('5299822472')) AS t(v);

-- Indian Aadhaar (Verhoeff)
SELECT ok(anon.is_in_aadhaar(v), 'Aadhaar valid: ' || v) FROM (VALUES ('234123412346'), ('2341 2341 2346'), ('499187182620')) AS t(v);
SELECT ok(NOT anon.is_in_aadhaar(v), 'Aadhaar invalid: ' || v) FROM (VALUES ('234123412347'), ('134123412346'), ('23412341234')) AS t(v);

-- Czech/Slovak birth number
SELECT ok(anon.is_cz_birth_number(v), 'birth number valid: ' || v) FROM (VALUES
    ('7103192745'), ('710319/2745'), ('736028/5163'), ('530101/123')) AS t(v);
SELECT ok(NOT anon.is_cz_birth_number(v), 'birth number invalid: ' || v) FROM (VALUES
    ('7103192746'), ('711319/2745'), ('710332/2747'), ('540101/123'), ('530101123')) AS t(v);

-- The dispatcher names the identifier, and ignores what is none.
SELECT is(anon.national_id_kind(v), k, 'national_id_kind(' || v || ')') FROM (VALUES
    ('078-05-1121', 'us_ssn'), ('AB 12 34 56 C', 'uk_nino'), ('86095742719', 'de_steuer_id'),
    ('2 55 08 14 168 025 38', 'fr_nir'), ('X1234567L', 'es_dni'), ('RSSMRA85T10A562S', 'it_codice_fiscale'),
    ('123456782', 'nl_bsn'), ('529.982.247-25', 'br_cpf'), ('2341 2341 2346', 'in_aadhaar'),
    ('710319/2745', 'cz_birth_number'),
    ('1 80 01 2A 004 001 ' || lpad((97 - (1800119004001 % 97))::text, 2, '0'), 'fr_nir'),
    ('18001' || '2B' || '004001' || lpad((97 - (1800118004001 % 97))::text, 2, '0'), 'fr_nir')) AS t(v, k);
SELECT is(anon.national_id_kind(v), NULL, 'no national ID: ' || v) FROM (VALUES
    ('123-45-6789'), ('2021-01-06'), ('+44 20 7946 0958'), ('Jane Doe'), ('ORDER-12345678'), ('123456789'), ('')) AS t(v);

SELECT * FROM finish();
ROLLBACK;
