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

-- A timestamp within `days` days before the demo's "now" (2025-06-30 00:00 UTC, epoch
-- 1751241600). to_timestamp(double) is immutable, so this stays inlinable.
CREATE FUNCTION demo_build.ts(k bigint, salt int, days int) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN pg_catalog.to_timestamp((1751241600 - demo_build.h(k, salt) % (days::bigint * 86400))::double precision);

-- A bijection of 0..m-1 (p prime and not a factor of m): unique keys give unique numbers.
CREATE FUNCTION demo_build.permute(k bigint, m bigint, salt int) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((k % m) * 1000003 + demo_build.h(0, salt) % m) % m;

-- Letters to the numbers of ISO 13616 (A=10 ... Z=35), digits kept: for IBAN check digits.
-- Nested replace() calls are immutable and inlinable; a loop over the characters is ten times slower.
CREATE FUNCTION demo_build.iso13616_digits(s text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(s, 'A', '10'), 'B', '11'), 'C', '12'), 'D', '13'), 'E', '14'), 'F', '15'), 'G', '16'), 'H', '17'), 'I', '18'), 'J', '19'), 'K', '20'), 'L', '21'), 'M', '22'), 'N', '23'), 'O', '24'), 'P', '25'), 'Q', '26'), 'R', '27'), 'S', '28'), 'T', '29'), 'U', '30'), 'V', '31'), 'W', '32'), 'X', '33'), 'Y', '34'), 'Z', '35');

-- Spanish CCC control digit over 10 digits (weights 1,2,4,8,5,10,9,7,3,6).
CREATE FUNCTION demo_build.es_ccc_digit(s text) RETURNS int
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    weights int[] := ARRAY[1,2,4,8,5,10,9,7,3,6];
    total int := 0;
BEGIN
    FOR i IN 1..10 LOOP
        total := total + substr(s, i, 1)::int * weights[i];
    END LOOP;
    RETURN CASE 11 - total % 11 WHEN 11 THEN 0 WHEN 10 THEN 1 ELSE 11 - total % 11 END;
END $$;

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
        WHEN 'BE' THEN (ARRAY['001', '068', '310', '363', '735'])[1 + demo_build.h(k, 901) % 5] || demo_build.digits(k, 902, 9)
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
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    total int := 0;
    d int;
    n int := length(s);
BEGIN
    FOR i IN 1..n LOOP                      -- from the right: double every first, third, ...
        d := substr(s, n + 1 - i, 1)::int;
        IF i % 2 = 1 THEN
            d := d * 2;
            IF d > 9 THEN d := d - 9; END IF;
        END IF;
        total := total + d;
    END LOOP;
    RETURN (10 - total % 10) % 10;
END $$;

-- A Luhn-valid card number: Visa 16, Mastercard 16 (51-55 and 2221-2720), Amex 15 digits.
CREATE FUNCTION demo_build.card_number(k bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    body text := CASE demo_build.h(k, 911) % 10
        WHEN 0 THEN (ARRAY['34', '37'])[1 + demo_build.h(k, 912) % 2] || demo_build.digits(k, 913, 12)
        WHEN 1 THEN '5' || (1 + demo_build.h(k, 912) % 5)::text || demo_build.digits(k, 913, 13)
        WHEN 2 THEN '5' || (1 + demo_build.h(k, 912) % 5)::text || demo_build.digits(k, 913, 13)
        WHEN 3 THEN (2221 + demo_build.h(k, 912) % 500)::text || demo_build.digits(k, 913, 11)
        ELSE '4' || demo_build.digits(k, 913, 14) END;
BEGIN
    RETURN body || demo_build.luhn_digit(body)::text;
END $$;

-- Phone numbers as people type them, per country (k: the person, salt: which number).
-- A plain expression of immutable parts (no sub-select, no `int || text`, which is only
-- STABLE) so that it is inlined: it runs for every user.
CREATE FUNCTION demo_build.phone(country text, k bigint, salt int) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE country
        WHEN 'US' THEN CASE demo_build.h(k, salt + 1) % 3
                       WHEN 0 THEN '(' || (2 + demo_build.h(k, salt + 2) % 8)::text || demo_build.digits(k, salt + 3, 2) || ') '
                                   || (2 + demo_build.h(k, salt + 4) % 8)::text || demo_build.digits(k, salt + 5, 2) || '-' || demo_build.digits(k, salt, 4)
                       WHEN 1 THEN (2 + demo_build.h(k, salt + 2) % 8)::text || demo_build.digits(k, salt + 3, 2) || '-'
                                   || (2 + demo_build.h(k, salt + 4) % 8)::text || demo_build.digits(k, salt + 5, 2) || '-' || demo_build.digits(k, salt, 4)
                       ELSE '+1 ' || (2 + demo_build.h(k, salt + 2) % 8)::text || demo_build.digits(k, salt + 3, 2) || ' '
                            || (2 + demo_build.h(k, salt + 4) % 8)::text || demo_build.digits(k, salt + 5, 2) || ' ' || demo_build.digits(k, salt, 4) END
        WHEN 'GB' THEN CASE demo_build.h(k, salt + 1) % 3
                       WHEN 0 THEN '+44 7' || demo_build.digits(k, salt, 3) || ' ' || demo_build.digits(k, salt + 2, 6)
                       WHEN 1 THEN '07' || demo_build.digits(k, salt, 3) || ' ' || demo_build.digits(k, salt + 2, 6)
                       ELSE '+44 20 ' || demo_build.digits(k, salt, 4) || ' ' || demo_build.digits(k, salt + 2, 4) END
        WHEN 'DE' THEN CASE demo_build.h(k, salt + 1) % 3
                       WHEN 0 THEN '+49 15' || demo_build.digits(k, salt, 1) || ' ' || demo_build.digits(k, salt + 2, 8)
                       WHEN 1 THEN '+49 30 ' || demo_build.digits(k, salt, 8)
                       ELSE '0171 ' || demo_build.digits(k, salt, 7) END
        WHEN 'FR' THEN CASE WHEN demo_build.h(k, salt + 1) % 2 = 0 THEN '+33 6 ' ELSE '07 ' END
                       || demo_build.digits(k, salt, 2) || ' ' || demo_build.digits(k, salt + 2, 2) || ' '
                       || demo_build.digits(k, salt + 3, 2) || ' ' || demo_build.digits(k, salt + 4, 2)
        WHEN 'ES' THEN '+34 6' || demo_build.digits(k, salt, 2) || ' ' || demo_build.digits(k, salt + 2, 3) || ' ' || demo_build.digits(k, salt + 3, 3)
        WHEN 'IT' THEN '+39 3' || demo_build.digits(k, salt, 2) || ' ' || demo_build.digits(k, salt + 2, 3) || ' ' || demo_build.digits(k, salt + 3, 4)
        WHEN 'NL' THEN CASE WHEN demo_build.h(k, salt + 1) % 2 = 0 THEN '+31 6 ' ELSE '06-' END || demo_build.digits(k, salt, 8)
        WHEN 'BR' THEN CASE WHEN demo_build.h(k, salt + 1) % 2 = 0 THEN '+55 11 9' ELSE '(21) 9' END
                       || demo_build.digits(k, salt, 4) || '-' || demo_build.digits(k, salt + 2, 4)
        WHEN 'CZ' THEN '+420 6' || demo_build.digits(k, salt, 2) || ' ' || demo_build.digits(k, salt + 2, 3) || ' ' || demo_build.digits(k, salt + 3, 3)
    END;
