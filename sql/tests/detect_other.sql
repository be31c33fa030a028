-- IP addresses, street addresses (several languages), secrets by shape.
BEGIN;
SELECT * FROM no_plan();

SELECT ok(anon.is_ip_address(v), 'IP: ' || v) FROM (VALUES
    ('203.0.113.7'), ('10.0.0.1'), ('255.255.255.255'), ('2001:db8::1'), ('fe80::1ff:fe23:4567:890a'),
    ('2001:0db8:85a3:0000:0000:8a2e:0370:7334'), ('::ffff:192.0.2.128')) AS t(v);
SELECT ok(NOT anon.is_ip_address(v), 'not an IP: ' || v) FROM (VALUES
    ('256.1.1.1'), ('1.2.3'), ('1.2.3.4.5'), ('2001:db8:::1'), ('12:30:45'), ('v1.2.3.4'), ('gggg::1')) AS t(v);

SELECT ok(anon.is_address(v), 'address: ' || v) FROM (VALUES
    ('221B Baker Street'), ('47 MySakila Drive'), ('1566 Inegl Manor'), ('120 Hanover Sq.'),
    ('8210 111 ST NW'), ('11120 Jasper Ave NW'), ('507 - 20th Ave. E.'),
    ('Obere Str. 57'), ('Theodor-Heuss-Straße 34'), ('Luisenstr. 48'),         -- German
    ('1498 rue Bélanger'), ('2, rue du Commerce'), ('59 rue de l''Abbaye'),     -- French
    ('Avda. de la Constitución 2222'), ('Calle Mayor 5'),                       -- Spanish
    ('Rua do Paço, 67'), ('Av. Brigadeiro Faria Lima, 2170'),                   -- Portuguese
    ('Via Roma 12'), ('Piazza del Duomo 1'),                                    -- Italian
    ('Grétrystraat 63'), ('Keizersgracht 123'),                                 -- Dutch
    ('Ullevålsveien 14'), ('Drottninggatan 5'),                                 -- Nordic
    ('ul. Marszałkowska 10'), ('náměstí Míru 15'),                              -- Polish, Czech
    ('P.O. Box 78934')) AS t(v);
SELECT ok(NOT anon.is_address(v), 'not an address: ' || v) FROM (VALUES
    ('10 boxes x 20 bags'), ('24 - 12 oz bottles'), ('Order 12345 shipped'), ('ACADEMY DINOSAUR'),
    ('Steven Buchanan graduated from St. Andrews University, Scotland, with a BSC degree in 1976.'),
    ('Mataderos'), ('2021-01-06'), ('Street')) AS t(v);

SELECT ok(anon.is_secret(v), 'secret: ' || pg_catalog.left(v, 12)) FROM (VALUES
    ('$2b$12$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1'),
    ('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g'),
    ('pbkdf2_sha256$260000$salt$hashhashhashhash'),
    ('{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g='),
    ('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc123def456'),
    ('-----BEGIN RSA PRIVATE KEY-----'),
    ('sk_live_abcdefghijklmnop1234'), ('AKIAIOSFODNN7EXAMPLE'),
    ('ghp_abcdefghijklmnopqrstuvwxyz0123456789')) AS t(v);
SELECT ok(NOT anon.is_secret(v), 'not a secret by shape: ' || v) FROM (VALUES
    ('8cb2237d0679ca88db6464eac60da96345513964'),   -- a bare hex digest: only by column name
    ('hello world, nothing here'), ('$5'), ('eyJ')) AS t(v);

SELECT * FROM finish();
ROLLBACK;
