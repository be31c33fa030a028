-- Helpers for building the demo database, in the throwaway schema demo_build (dropped at
-- the end). Everything is a pure function of (key, salt) through demo_build.h, which the
-- generator creates first with the seed baked in: same seed and scale, same data.

-- n decimal digits (n <= 18) drawn from a key.
CREATE FUNCTION demo_build.digits(k bigint, salt int, n int) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.lpad((demo_build.h(k, salt) % (10::bigint ^ n)::bigint)::text, n, '0');

-- A uniform double in [0, 1).
CREATE FUNCTION demo_build.u(k bigint, salt int) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.h(k, salt)::double precision / 9223372036854775808.0;

-- A timestamp within `days` days before the demo's "now" (2025-06-30 UTC).
CREATE FUNCTION demo_build.ts(k bigint, salt int, days int) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '2025-06-30 00:00:00+00'::timestamptz
           - pg_catalog.make_interval(secs => (demo_build.h(k, salt) % (days::bigint * 86400))::double precision);

-- A bijection of 0..m-1 (p prime and not a factor of m): unique keys give unique numbers.
CREATE FUNCTION demo_build.permute(k bigint, m bigint, salt int) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((k % m) * 1000003 + demo_build.h(0, salt) % m) % m;

-- Letters to the numbers of ISO 13616 (A=10 ... Z=35), digits kept: for IBAN check digits.
CREATE FUNCTION demo_build.iso13616_digits(s text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    out text := '';
    c text;
BEGIN
    FOREACH c IN ARRAY regexp_split_to_array(s, '') LOOP
        out := out || CASE WHEN c ~ '[0-9]' THEN c ELSE (ascii(c) - 55)::text END;
    END LOOP;
    RETURN out;
END $$;

-- Spanish CCC control digit over 10 digits (weights 1,2,4,8,5,10,9,7,3,6).
CREATE FUNCTION demo_build.es_ccc_digit(s text) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE 11 - sum(substr(s, i, 1)::int * (ARRAY[1,2,4,8,5,10,9,7,3,6])[i]) % 11
                   WHEN 11 THEN 0 WHEN 10 THEN 1
                   ELSE 11 - sum(substr(s, i, 1)::int * (ARRAY[1,2,4,8,5,10,9,7,3,6])[i]) % 11 END
              FROM generate_series(1, 10) AS i);

-- A valid IBAN (mod-97 check digits, the country's BBAN structure) for a key.
CREATE FUNCTION demo_build.iban(country text, k bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    bban text;
    bank text;
    branch text;
BEGIN
    bban := CASE country
        WHEN 'DE' THEN (ARRAY['37040044','10070000','50010517','20041111','70020270'])[1 + demo_build.h(k, 901) % 5]
                       || demo_build.digits(k, 902, 10)
        WHEN 'FR' THEN (ARRAY['30004','30003','20041','10278','18206'])[1 + demo_build.h(k, 901) % 5]
                       || demo_build.digits(k, 903, 5) || demo_build.digits(k, 902, 11) || demo_build.digits(k, 904, 2)
        WHEN 'IT' THEN chr(65 + (demo_build.h(k, 905) % 26)::int)
                       || (ARRAY['03069','02008','05034','01030'])[1 + demo_build.h(k, 901) % 4]
                       || demo_build.digits(k, 903, 5) || demo_build.digits(k, 902, 12)
        WHEN 'NL' THEN (ARRAY['ABNA','INGB','RABO','SNSB','TRIO'])[1 + demo_build.h(k, 901) % 5]
                       || demo_build.digits(k, 902, 10)
        WHEN 'GB' THEN (ARRAY['NWBK','BARC','LOYD','HBUK','MIDL'])[1 + demo_build.h(k, 901) % 5]
                       || demo_build.digits(k, 903, 6) || demo_build.digits(k, 902, 8)
        WHEN 'CZ' THEN (ARRAY['0800','0100','0300','2010','5500'])[1 + demo_build.h(k, 901) % 5]
                       || demo_build.digits(k, 902, 16)
        WHEN 'BR' THEN demo_build.digits(k, 901, 8) || demo_build.digits(k, 903, 5)
                       || demo_build.digits(k, 902, 10) || 'C1'
        WHEN 'BE' THEN demo_build.digits(k, 902, 12)
        WHEN 'AT' THEN demo_build.digits(k, 901, 5) || demo_build.digits(k, 902, 11)
        WHEN 'PT' THEN demo_build.digits(k, 902, 11) || demo_build.digits(k, 906, 10)
        ELSE NULL END;
    IF country = 'ES' THEN
        bank := (ARRAY['2100','0049','0182','0081','2038'])[1 + demo_build.h(k, 901) % 5];
        branch := demo_build.digits(k, 903, 4);
        bban := demo_build.digits(k, 902, 10);
        bban := bank || branch || demo_build.es_ccc_digit('00' || bank || branch)::text
                || demo_build.es_ccc_digit(bban)::text || bban;
    ELSIF country = 'BE' THEN
        -- Belgian account numbers carry their own mod-97 check (0 becomes 97).
        bban := substr(bban, 1, 10) || lpad(coalesce(nullif(substr(bban, 1, 10)::bigint % 97, 0), 97)::text, 2, '0');
    END IF;
    IF bban IS NULL THEN
        RAISE EXCEPTION 'no IBAN format for country %', country;
    END IF;
    RETURN country
        || lpad((98 - (demo_build.iso13616_digits(bban || country || '00')::numeric % 97))::text, 2, '0')
        || bban;
END $$;

-- Luhn check digit of a string of digits.
CREATE FUNCTION demo_build.luhn_digit(s text) RETURNS int
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT (10 - sum(CASE WHEN i % 2 = 1
                                  THEN (d * 2) / 10 + (d * 2) % 10 ELSE d END) % 10) % 10
              FROM (SELECT i, substr(reverse(s), i, 1)::int AS d
                      FROM generate_series(1, length(s)) AS i) AS digits);

-- A Luhn-valid card number: Visa 16, Mastercard 16, Amex 15 digits.
CREATE FUNCTION demo_build.card_number(k bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT body || demo_build.luhn_digit(body)::text
              FROM (SELECT CASE demo_build.h(k, 911) % 10
                           WHEN 0 THEN (ARRAY['34','37'])[1 + demo_build.h(k, 912) % 2] || demo_build.digits(k, 913, 12)
                           WHEN 1 THEN '5' || (1 + demo_build.h(k, 912) % 5)::text || demo_build.digits(k, 913, 13)
                           WHEN 2 THEN '5' || (1 + demo_build.h(k, 912) % 5)::text || demo_build.digits(k, 913, 13)
                           WHEN 3 THEN '2' || (221 + demo_build.h(k, 912) % 500)::text || demo_build.digits(k, 913, 11)
                           ELSE '4' || demo_build.digits(k, 913, 14) END AS body) AS b);

-- Phone numbers as people type them, per country (k: the person, variant: which format).
CREATE FUNCTION demo_build.phone(country text, k bigint, salt int) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT CASE country
        WHEN 'US' THEN CASE v WHEN 0 THEN '(' || a || ') ' || e || '-' || substr(d, 1, 4)
                              WHEN 1 THEN a || '-' || e || '-' || substr(d, 1, 4)
                              ELSE '+1 ' || a || ' ' || e || ' ' || substr(d, 1, 4) END
        WHEN 'GB' THEN CASE v WHEN 0 THEN '+44 7' || substr(d, 1, 3) || ' ' || substr(d, 4, 6)
                              WHEN 1 THEN '07' || substr(d, 1, 3) || ' ' || substr(d, 4, 6)
                              ELSE '+44 20 ' || substr(d, 1, 4) || ' ' || substr(d, 5, 4) END
        WHEN 'DE' THEN CASE v WHEN 0 THEN '+49 15' || substr(d, 1, 1) || ' ' || substr(d, 2, 8)
                              WHEN 1 THEN '+49 30 ' || substr(d, 1, 8)
                              ELSE '0171 ' || substr(d, 1, 7) END
        WHEN 'FR' THEN CASE v WHEN 0 THEN '+33 6 ' || substr(d, 1, 2) || ' ' || substr(d, 3, 2) || ' '
                                          || substr(d, 5, 2) || ' ' || substr(d, 7, 2)
                              ELSE '07 ' || substr(d, 1, 2) || ' ' || substr(d, 3, 2) || ' '
                                   || substr(d, 5, 2) || ' ' || substr(d, 7, 2) END
        WHEN 'ES' THEN '+34 6' || substr(d, 1, 2) || ' ' || substr(d, 3, 3) || ' ' || substr(d, 6, 3)
        WHEN 'IT' THEN '+39 3' || substr(d, 1, 2) || ' ' || substr(d, 3, 3) || ' ' || substr(d, 6, 4)
        WHEN 'NL' THEN CASE v WHEN 0 THEN '+31 6 ' || substr(d, 1, 8) ELSE '06-' || substr(d, 1, 8) END
        WHEN 'BR' THEN CASE v WHEN 0 THEN '+55 11 9' || substr(d, 1, 4) || '-' || substr(d, 5, 4)
                              ELSE '(21) 9' || substr(d, 1, 4) || '-' || substr(d, 5, 4) END
        WHEN 'CZ' THEN '+420 6' || substr(d, 1, 2) || ' ' || substr(d, 3, 3) || ' ' || substr(d, 6, 3)
        END
      FROM (SELECT demo_build.digits(k, salt, 10) AS d,
                   (demo_build.h(k, salt + 1) % 3)::int AS v,
                   (2 + demo_build.h(k, salt + 2) % 8)::text || demo_build.digits(k, salt + 3, 2) AS a,
                   (2 + demo_build.h(k, salt + 4) % 8)::text || demo_build.digits(k, salt + 5, 2) AS e) AS parts);
