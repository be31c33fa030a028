-- requires: value_kinds.sql, detect_fold.sql, detect_address.sql, detect_card.sql, detect_iban.sql
-- Match every unit of the sample against the detectors, set-based (one statement per
-- family over all columns at once): whole-value kinds, tokens in free text, photos by
-- magic bytes, IP addresses by type, names by the dictionaries (whole values, and
-- adjacent word pairs or a title/context word plus a name in text), and the value
-- shapes that count only when the column or JSON key name suggests the kind (bare
-- digits in a "phone" column, dates in a "birth_date" column). hinted records whether
-- the name suggested the kind: the thresholds are lower then. Returns the matches.
CREATE OR REPLACE FUNCTION anon.scan_match()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    -- Words that announce a person's name in text: "Dear Jane", "Mr Smith", "Customer Jane Doe".
    c_context constant text[] := ARRAY['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam',
        'dear', 'hi', 'hello', 'customer', 'client', 'user', 'patient', 'contact', 'tenant', 'member',
        'applicant', 'caller', 'agent', 'employee', 'herr', 'frau', 'monsieur', 'madame', 'mme', 'mlle',
        'senor', 'senora', 'sr', 'sra', 'srta', 'signor', 'signora', 'sig', 'dhr', 'mevr', 'pan', 'pani'];
    c_name_hints constant text[] := ARRAY['person_name', 'first_name', 'last_name', 'username'];
    v_matches bigint;
BEGIN
    -- Whole values (strings, numbers, array elements, JSON leaves).
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum, k.kind, u.found_in, u.json_path, k.kind = ANY (u.hint_kinds), u.unit
      FROM pg_temp.pgscrub_scan_units u
     CROSS JOIN LATERAL pg_catalog.unnest(anon.value_kinds(u.unit)) AS k(kind)
     WHERE u.category IN ('text', 'number', 'array', 'json');

    -- Tokens embedded in free text (names are confirmed below).
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum, t.kind,
           CASE WHEN u.found_in = 'value' THEN 'text' ELSE u.found_in END, u.json_path,
           t.kind = ANY (u.hint_kinds), t.token
      FROM pg_temp.pgscrub_scan_tokens t
      JOIN pg_temp.pgscrub_scan_units u ON u.unit_id = t.unit_id
     WHERE t.kind <> 'person_name';

    -- Types that say it: IP addresses; images and PDFs by their magic bytes.
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum,
           CASE u.category WHEN 'inet' THEN 'ip_address' ELSE 'photo' END,
           'value', NULL, false, u.unit
      FROM pg_temp.pgscrub_scan_units u
     WHERE u.category = 'inet'
        OR u.category = 'bytea' AND u.unit ~ '^(ffd8ff|89504e47|47494638|424d|49492a00|4d4d002a|25504446|52494646.{8}57454250|.{8}66747970)';

    -- Names as whole values: one word from the first- or last-name dictionary, or 2-4
    -- words from first name to last name ("Jane Doe", "Doe, Jane", "Mary Ann Smith").
    WITH candidates AS (
        SELECT u.value_id, u.relid, u.attnum, u.found_in, u.json_path, u.unit,
               u.hint_kinds && c_name_hints AS hinted,
               pg_catalog.strpos(u.unit, ',') > 0 AS reversed,
               pg_catalog.regexp_split_to_array(anon.fold(pg_catalog.btrim(u.unit)), '[\s,.]+') AS words
          FROM pg_temp.pgscrub_scan_units u
         WHERE u.category IN ('text', 'array', 'json')
           AND pg_catalog.length(u.unit) BETWEEN 2 AND 60
           AND u.unit !~ '[0-9@/\\#=<>{}\[\]:;_|+*%$&?!"()]'
    ), words AS (
        SELECT c.*, pg_catalog.cardinality(c.words) AS word_count,
               CASE WHEN c.reversed THEN c.words[pg_catalog.cardinality(c.words)] ELSE c.words[1] END AS given,
               CASE WHEN c.reversed THEN c.words[1] ELSE c.words[pg_catalog.cardinality(c.words)] END AS family
          FROM candidates c
         WHERE pg_catalog.cardinality(c.words) BETWEEN 1 AND 4
    )
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT w.value_id, w.relid, w.attnum, k.kind, w.found_in, w.json_path, w.hinted, w.unit
      FROM words w
      LEFT JOIN pg_temp.pgscrub_scan_names g ON g.word = w.given
      LEFT JOIN pg_temp.pgscrub_scan_names f ON f.word = w.family
     CROSS JOIN LATERAL (VALUES
         (CASE WHEN w.word_count = 1 AND g.is_first THEN 'first_name' END),
         (CASE WHEN w.word_count = 1 AND g.is_last THEN 'last_name' END),
         (CASE WHEN w.word_count > 1 AND g.is_first AND f.is_last THEN 'person_name' END)) AS k(kind)
     WHERE k.kind IS NOT NULL;

    -- Names in free text: a first name followed by a last name, or a context word
    -- followed by a name ("Dear Jane", "Customer Jane Doe").
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum, 'person_name',
           CASE WHEN u.found_in = 'value' THEN 'text' ELSE u.found_in END, u.json_path,
           u.hint_kinds && c_name_hints, t.token
      FROM pg_temp.pgscrub_scan_tokens t
      JOIN pg_temp.pgscrub_scan_units u ON u.unit_id = t.unit_id
      JOIN pg_temp.pgscrub_scan_names a ON a.word = pg_catalog.split_part(t.token, ' ', 1)
      JOIN pg_temp.pgscrub_scan_names b ON b.word = pg_catalog.split_part(t.token, ' ', 2)
     WHERE t.kind = 'person_name' AND a.is_first AND b.is_last
    UNION ALL
    SELECT u.value_id, u.relid, u.attnum, 'person_name',
           CASE WHEN u.found_in = 'value' THEN 'text' ELSE u.found_in END, u.json_path,
           u.hint_kinds && c_name_hints, t.token
      FROM pg_temp.pgscrub_scan_tokens t
      JOIN pg_temp.pgscrub_scan_units u ON u.unit_id = t.unit_id
      JOIN pg_temp.pgscrub_scan_names b ON b.word = pg_catalog.split_part(t.token, ' ', 2)
     WHERE t.kind = 'person_name' AND pg_catalog.split_part(t.token, ' ', 1) = ANY (c_context);

    -- Shapes that count only when the column (or JSON key) name suggests the kind.
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum, CASE h.kind WHEN 'geo' THEN 'location' ELSE h.kind END,
           u.found_in, u.json_path, true, u.unit
      FROM pg_temp.pgscrub_scan_units u
     CROSS JOIN LATERAL pg_catalog.unnest(u.hint_kinds) AS h(kind)
     WHERE u.category <> 'inet'
       AND CASE h.kind
           WHEN 'phone' THEN u.unit ~ '^\s*\+?[0-9]{7,15}\s*$'
           WHEN 'national_id' THEN u.unit ~ '^\s*[A-Za-z0-9][A-Za-z0-9 ./-]{4,22}[A-Za-z0-9]\s*$'
                                   AND u.unit ~ '([0-9][^0-9]*){5}'
           WHEN 'bank_account' THEN u.unit ~ '^\s*[A-Za-z0-9][A-Za-z0-9 ./-]{4,40}\s*$'
                                    AND u.unit ~ '([0-9][^0-9]*){6}' AND NOT anon.is_iban(u.unit)
           WHEN 'card_number' THEN pg_catalog.translate(u.unit, ' -', '') ~ '^[0-9]{12,19}$'
                                   AND anon.luhn_valid(pg_catalog.translate(u.unit, ' -', ''))
           WHEN 'secret' THEN pg_catalog.length(u.unit) >= 8 AND u.unit !~ '\s' AND u.category <> 'bytea'
           WHEN 'birth_date' THEN u.unit ~ '^\s*((19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9]|[0-3]?[0-9][./-][01]?[0-9][./-](19|20)[0-9]{2})'
                                  AND pg_catalog.substring(u.unit, '(?:19|20)[0-9]{2}')::int
                                      BETWEEN pg_catalog.date_part('year', pg_catalog.now())::int - 120
                                          AND pg_catalog.date_part('year', pg_catalog.now())::int
           WHEN 'postal_code' THEN u.unit ~ '^\s*[A-Za-z0-9][A-Za-z0-9 -]{1,9}\s*$' AND u.unit ~ '[0-9]'
           WHEN 'location' THEN u.unit ~ '^[^0-9@<>{}]{2,60}$'
           WHEN 'geo' THEN u.unit ~ '^\s*-?[0-9]{1,3}\.[0-9]{2,}\s*$'
           WHEN 'username' THEN pg_catalog.length(u.unit) <= 64 AND u.unit !~ '[\n\r\t]' AND u.category <> 'bytea'
           WHEN 'address' THEN anon.is_address(u.unit)
                               OR pg_catalog.length(u.unit) <= 150 AND u.unit ~ '[0-9]' AND u.unit ~ '[[:alpha:]]{3}'
           WHEN 'photo' THEN u.category = 'bytea'
           ELSE false
       END;

    SELECT pg_catalog.count(*) INTO v_matches FROM pg_temp.pgscrub_scan_matches;
    RETURN v_matches;
END
$$;
COMMENT ON FUNCTION anon.scan_match() IS
    'pgscrub: match the sampled units against every detector (set-based); returns the number of matches';
