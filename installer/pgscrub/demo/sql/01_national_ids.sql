-- National identification numbers, valid by each country's structure and checksum, for the
-- demo's users. k is unique per user, so numbers drawn through demo_build.permute are unique
-- within a country (BSN and the Steuer-ID may repeat in rare cases, as they are re-drawn).

-- US SSN: area 001-899 except 666, group 01-99, serial 0001-9999. (The SQL functions here
-- are plain expressions of immutable parts, without sub-selects, so that they are inlined.)
CREATE FUNCTION demo_build.us_ssn_from(x bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lpad((x / (99 * 9999) + 1 + (x / (99 * 9999) + 1 >= 666)::int)::text, 3, '0') || '-'
           || lpad((x / 9999 % 99 + 1)::text, 2, '0') || '-' || lpad((x % 9999 + 1)::text, 4, '0');
CREATE FUNCTION demo_build.us_ssn(k bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.us_ssn_from(demo_build.permute(k, 898::bigint * 99 * 9999, 921));

-- UK National Insurance number: two allowed prefix letters (not BG, GB, KN, NK, NT, TN, ZZ),
-- six digits, suffix A-D.
CREATE FUNCTION demo_build.gb_nino_from(prefix text, k bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN prefix IN ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ') THEN 'AB' ELSE prefix END
           || demo_build.digits(k, 933, 6) || substr('ABCD', (1 + demo_build.h(k, 934) % 4)::int, 1);
CREATE FUNCTION demo_build.gb_nino(k bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.gb_nino_from(substr('ABCEGHJKLMNOPRSTWXYZ', (1 + demo_build.h(k, 931) % 20)::int, 1)
                                   || substr('ABCEGHJKLMNPRSTWXYZ', (1 + demo_build.h(k, 932) % 19)::int, 1), k);

-- Spanish DNI: eight digits and the mod-23 letter.
CREATE FUNCTION demo_build.es_dni_from(n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lpad(n::text, 8, '0') || substr('TRWAGMYFPDXBNJZSQVHLCKE', (n % 23 + 1)::int, 1);
CREATE FUNCTION demo_build.es_dni(k bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.es_dni_from(demo_build.permute(k, 100000000, 941));

-- Dutch BSN: nine digits passing the 11-test (weights 9..2, -1).
CREATE FUNCTION demo_build.nl_bsn(k bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    body text;
    s int;
    attempt int := 0;
BEGIN
    LOOP
        body := (1 + demo_build.h(k, 951 + attempt) % 9)::text || demo_build.digits(k, 961 + attempt, 7);
        s := 0;
        FOR i IN 1..8 LOOP
            s := s + substr(body, i, 1)::int * (10 - i);
        END LOOP;
        IF s % 11 < 10 THEN
            RETURN body || (s % 11)::text;
        END IF;
        attempt := attempt + 1;
    END LOOP;
END $$;

-- Brazilian CPF: nine digits and two mod-11 check digits, written 123.456.789-09.
CREATE FUNCTION demo_build.br_cpf(k bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    d text := lpad((1 + demo_build.permute(k, 999999998, 971))::text, 9, '0');
    s int;
    c1 int;
    c2 int;
BEGIN
    s := 0;
    FOR i IN 1..9 LOOP s := s + substr(d, i, 1)::int * (11 - i); END LOOP;
    c1 := (s * 10) % 11 % 10;
    s := 0;
    FOR i IN 1..9 LOOP s := s + substr(d, i, 1)::int * (12 - i); END LOOP;
    c2 := ((s + c1 * 2) * 10) % 11 % 10;
    RETURN substr(d, 1, 3) || '.' || substr(d, 4, 3) || '.' || substr(d, 7, 3) || '-' || c1 || c2;
END $$;

-- French NIR: sex, birth year and month, department, commune, order, and the key 97 - n mod 97.
CREATE FUNCTION demo_build.with_nir_key(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN body || lpad((97 - body::bigint % 97)::text, 2, '0');
CREATE FUNCTION demo_build.fr_nir(k bigint, birth date, female boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.with_nir_key(
           CASE WHEN female THEN '2' ELSE '1' END
           || lpad((extract(year FROM birth)::int % 100)::text, 2, '0') || lpad(extract(month FROM birth)::int::text, 2, '0')
           || lpad((1 + demo_build.h(k, 981) % 95 + (demo_build.h(k, 981) % 95 = 19)::int)::text, 2, '0')
           || lpad((1 + demo_build.h(k, 982) % 989)::text, 3, '0')
           || lpad((1 + demo_build.h(k, 983) % 998)::text, 3, '0'));

-- Czech birth number: YYMMDD (month + 50 for women) / four digits, divisible by 11.
CREATE FUNCTION demo_build.with_cz_check(body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN left(body, 6) || '/' || right(body, 3) || (body::bigint % 11 % 10)::text;
CREATE FUNCTION demo_build.cz_birth_number(k bigint, birth date, female boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN demo_build.with_cz_check(
           lpad((extract(year FROM birth)::int % 100)::text, 2, '0')
           || lpad((extract(month FROM birth)::int + CASE WHEN female THEN 50 ELSE 0 END)::text, 2, '0')
           || lpad(extract(day FROM birth)::int::text, 2, '0') || demo_build.digits(k, 991, 3));

-- German tax ID (Steuer-IdNr): 11 digits, first not 0, one digit of the first ten appears
-- twice and the others at most once, ISO 7064 MOD 11,10 check digit.
CREATE FUNCTION demo_build.de_idnr(k bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    pool int[] := ARRAY[0,1,2,3,4,5,6,7,8,9];
    chosen int[] := '{}';
    pick int;
    body text;
    product int := 10;
    s int;
BEGIN
    FOR i IN 1..9 LOOP                       -- nine distinct digits, drawn without replacement
        pick := 1 + (demo_build.h(k, 1000 + i) % array_length(pool, 1))::int;
        chosen := chosen || pool[pick];
        pool := pool[1:pick - 1] || pool[pick + 1:];
    END LOOP;
    IF chosen[1] = 0 THEN                    -- no leading zero
        chosen := ARRAY[chosen[2], chosen[1]] || chosen[3:];
    END IF;
    -- the tenth digit repeats one of digits 2..9 (never a third time)
    chosen := chosen || chosen[2 + (demo_build.h(k, 1010) % 8)::int];
    body := array_to_string(chosen, '');
    FOR i IN 1..10 LOOP
        s := (substr(body, i, 1)::int + product) % 10;
        IF s = 0 THEN s := 10; END IF;
        product := (s * 2) % 11;
    END LOOP;
    RETURN body || ((11 - product) % 10)::text;
END $$;

-- Italian codice fiscale: surname and name consonants, birth date (day + 40 for women),
-- a municipality code and the check letter.
CREATE FUNCTION demo_build.it_codice_fiscale(k bigint, first_name text, last_name text,
                                             birth date, female boolean) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    odd_values int[] := ARRAY[1,0,5,7,9,13,15,17,19,21,2,4,18,20,11,3,6,8,12,14,16,10,22,25,24,23];
    last_part text;
    first_part text;
    cons text;
    body text;
    c text;
    v int;
    s int := 0;
BEGIN
    cons := regexp_replace(upper(last_name), '[^BCDFGHJKLMNPQRSTVWXYZ]', '', 'g');
    last_part := rpad(cons || regexp_replace(upper(last_name), '[^AEIOU]', '', 'g'), 3, 'X');
    cons := regexp_replace(upper(first_name), '[^BCDFGHJKLMNPQRSTVWXYZ]', '', 'g');
    IF length(cons) >= 4 THEN
        first_part := substr(cons, 1, 1) || substr(cons, 3, 2);
    ELSE
        first_part := rpad(cons || regexp_replace(upper(first_name), '[^AEIOU]', '', 'g'), 3, 'X');
    END IF;
    body := left(last_part, 3) || left(first_part, 3) || to_char(birth, 'YY')
            || substr('ABCDEHLMPRST', extract(month FROM birth)::int, 1)
            || lpad((extract(day FROM birth)::int + CASE WHEN female THEN 40 ELSE 0 END)::text, 2, '0')
            || chr(65 + (demo_build.h(k, 1021) % 13)::int) || demo_build.digits(k, 1022, 3);
    FOR i IN 1..15 LOOP
        c := substr(body, i, 1);
        v := CASE WHEN c ~ '[0-9]' THEN c::int ELSE ascii(c) - 65 END;
        s := s + CASE WHEN i % 2 = 1 THEN odd_values[v + 1] ELSE v END;
    END LOOP;
    RETURN body || chr(65 + s % 26);
END $$;

-- The national ID a user of that country would give.
CREATE FUNCTION demo_build.national_id(country text, k bigint, first_name text, last_name text,
                                       birth date, female boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE country
        WHEN 'US' THEN demo_build.us_ssn(k)
        WHEN 'GB' THEN demo_build.gb_nino(k)
        WHEN 'DE' THEN demo_build.de_idnr(k)
        WHEN 'FR' THEN demo_build.fr_nir(k, birth, female)
        WHEN 'ES' THEN demo_build.es_dni(k)
        WHEN 'IT' THEN demo_build.it_codice_fiscale(k, first_name, last_name, birth, female)
        WHEN 'NL' THEN demo_build.nl_bsn(k)
        WHEN 'BR' THEN demo_build.br_cpf(k)
        WHEN 'CZ' THEN demo_build.cz_birth_number(k, birth, female)
    END;
