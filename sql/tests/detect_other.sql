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
    ('8210 111 ST NW'), ('11120 Jasper Ave NW'), ('507 - 20th Ave. E.'), ('302 S 700 E'),
    ('30283 Ward Walks Suite 032'), ('2 Hewitt Common'), ('9441 Todd Villages Apt. 947'),  -- US, Faker's suffixes
    ('962 Torres Burgs'), ('627 Broadway Apt 4'), ('12,Community Centre'),
    ('Flat 04 Henry Landing'), ('Studio 61v Jay Spur'), ('Unit 79 02 Peterson Cove'),     -- UK, AU
    ('Obere Str. 57'), ('Theodor-Heuss-Straße 34'), ('Luisenstr. 48'), ('Berliner Platz 43'),  -- German
    ('Urs-Rosemann-Gasse 4/1'), ('Klaus-Conradi-Straße 1/9'), ('Helen-Wernecke-Allee 62-28'), ('Am Markt 5'),
    ('1498 rue Bélanger'), ('2, rue du Commerce'), ('59 rue de l''Abbaye'), ('boulevard Lecoq'),  -- French
    ('Avda. de la Constitución 2222'), ('Calle Mayor 5'), ('C/ Araquil, 67'),             -- Spanish
    ('Urbanización de Domitila Calatayud 10 Apt. 80 '), ('Carrera 52 con Ave. Bolívar #65-98'),
    ('Rua do Paço, 67'), ('Av. Brigadeiro Faria Lima, 2170'), ('Viela Castro'),            -- Portuguese
    ('Rua de Pinho, S/N'),
    ('Via Roma 12'), ('Piazza del Duomo 1'), ('Strada Giorgia, 7'), ('Canale Ninetta, 89'), -- Italian
    ('Incrocio Santino, 26 Appartamento 8'),
    ('Grétrystraat 63'), ('Keizersgracht 123'), ('Larabaan 985'), ('Nisapad 58'),          -- Dutch
    ('Ullevålsveien 14'), ('Drottninggatan 5'), ('Ektorget 25'), ('Erling Skakkes gate 78'),  -- Nordic
    ('Kongemarks Allé 59'), ('Uunilinnunpolku 321'),
    ('ul. Marszałkowska 10'), ('náměstí Míru 15'), ('Pohnertova 642'), ('Dřítenská 58'),     -- Polish, Czech
    ('Josefa Šimůnka 38'), ('Nad Návsí 100'), ('Erzsébet krt. 58.'),                       -- Czech, Hungarian
    ('P.O. Box 78934'), ('PSC 6676, Box 6506, APO AP 16007'),
    -- full addresses: the street, then postal code, city and country
    ('8537 Smith Ways Apt. 297, Kirkhaven 18772, United States'),
    ('Dřítenská 58, 311 53 Vejprty, Czechia'),
    ('Hans-Theo-Naser-Weg 3427, 79699 Oberviechtach, Germany'),
    ('Flat 04 Henry Landing, West Lynne E0 2EL, United Kingdom'),
    ('Fazenda da Conceição, 45697-864 Moraes Grande, Brazil'),
    ('5, chemin de Boulanger, 04650 Sainte Laetitia, France')) AS t(v);
SELECT ok(NOT anon.is_address(v), 'not an address: ' || v) FROM (VALUES
    ('10 boxes x 20 bags'), ('24 - 12 oz bottles'), ('Order 12345 shipped'), ('ACADEMY DINOSAUR'),
    ('Steven Buchanan graduated from St. Andrews University, Scotland, with a BSC degree in 1976.'),
    ('Mataderos'), ('2021-01-06'), ('Street'), ('590120'), ('04876-786'), ('4.27.2'),
    -- product names, titles, seasons, company names: a number near a word is not a house number
    ('Water Bottle Mini 25'), ('Summer cashback 2022'), ('Spring 2021'), ('Windows 95'), ('Apollo 13'),
    ('Jurassic Park 3'), ('Gate 5'), ('Studio 54'), ('Room 101'), ('Terminal 2'), ('2 Minutes To Midnight'),
    ('13 Years Of Grief'), ('Chef Anton''s Cajun Seasoning'), ('Blue Harbor Coffee'), ('Golden Market'),
    ('Customer 42 reported that the card payment was declined twice at the same shop.')) AS t(v);

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
