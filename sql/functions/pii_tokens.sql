-- requires: pii_normalize.sql, detect_fold.sql, detect_email.sql, detect_phone.sql, detect_iban.sql, detect_card.sql, detect_national_id.sql, detect_ip.sql
-- PII embedded in free text (or in the text of a JSON/XML value), each token normalised
-- by anon.pii_normalize: emails, phones, IBANs, card numbers, national IDs, IP
-- addresses, and person_name *candidates*: every pair of adjacent capitalised words
-- ("Jane Doe", "Dear Jane", "Mr. Smith"). Candidates are not confirmed here (that needs tables):
-- the scan keeps those found in the name dictionaries or in the database's own name
-- columns; validation compares them with fingerprints of the original names.
-- Each family is gated by a cheap test on the whole text before its regular expression
-- runs, and checksummed kinds are confirmed by their detector. Inlinable SRF. What it
-- costs is its regular expressions: no nested bounded repetitions (an email pattern with
-- ([a-z0-9-]{0,61}[a-z0-9])? inside a repeated group cost ~300 µs per text), no window
-- function (a sort per text); docs/scan.md "Measured".
CREATE OR REPLACE FUNCTION anon.pii_tokens(p_text text)
RETURNS TABLE(kind text, token text)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
BEGIN ATOMIC
    -- a name pair has single spaces already: fold it (what pii_normalize does, without its regex)
    SELECT t.kind, CASE WHEN t.kind OPERATOR(pg_catalog.=) 'person_name' THEN anon.fold(t.candidate)
                        ELSE anon.pii_normalize(t.kind, t.candidate) END
      FROM (
        -- a cheap candidate pattern (no nested bounded repetition: the RFC-shaped pattern
        -- cost ~300 µs per text), confirmed by the whole-value detector below; it starts
        -- with a letter, digit or _, so a quote around it ('jane@x.org', a tsvector) stays out
        SELECT 'email'::text AS kind, m.match[1] AS candidate
          FROM pg_catalog.regexp_matches(CASE WHEN pg_catalog.strpos(p_text, '@') OPERATOR(pg_catalog.>) 0 THEN p_text END,
                   '([A-Za-z0-9_][A-Za-z0-9._%+''-]*@[A-Za-z0-9.-]+\.[A-Za-z]+)', 'g') AS m(match)
        UNION ALL
        SELECT 'phone', m.match[1]
          FROM pg_catalog.regexp_matches(CASE WHEN p_text OPERATOR(pg_catalog.~) '[0-9]{2}' THEN p_text END,
                   '(?:^|[^0-9A-Za-z+])(\+?\(?[0-9][0-9 ().-]{5,22}[0-9])(?![0-9A-Za-z])', 'g') AS m(match)
        UNION ALL
        SELECT 'iban', m.match[1]
          FROM pg_catalog.regexp_matches(CASE WHEN p_text OPERATOR(pg_catalog.~) '[A-Z]{2}[0-9]{2}' THEN p_text END,
                   '\m([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\M', 'g') AS m(match)
        UNION ALL
        SELECT 'card_number', m.match[1]
          FROM pg_catalog.regexp_matches(CASE WHEN p_text OPERATOR(pg_catalog.~) '[0-9]{4}' THEN p_text END,
                   '\m([2-6][0-9]{3}(?:[ -]?[0-9]{2,6}){2,4})\M', 'g') AS m(match)
        UNION ALL
        SELECT 'national_id', m.match[1]
          FROM pg_catalog.regexp_matches(CASE WHEN p_text OPERATOR(pg_catalog.~) '[0-9]{2}' THEN p_text END,
                   '\m([0-9]{3}([- ])[0-9]{2}\2[0-9]{4}'
                   || '|[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]'
                   || '|[0-9XYZ][0-9]{7}-?[A-Z]'
                   || '|[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]'
                   || '|[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}'
                   || '|[0-9]{6}/[0-9]{3,4}'
                   || '|[1-478] ?[0-9]{2} ?[0-9]{2} ?(?:2[AB]|[0-9]{2}) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}'
                   || '|[2-9][0-9]{3} [0-9]{4} [0-9]{4}'
                   || '|[0-9]{11})\M', 'g') AS m(match)
        UNION ALL
        SELECT 'ip_address', m.match[1]
          FROM pg_catalog.regexp_matches(CASE WHEN p_text OPERATOR(pg_catalog.~) '[0-9]\.[0-9]+\.[0-9]|:[0-9A-Fa-f]*:' THEN p_text END,
                   '(?:^|[^0-9A-Za-z.:])([0-9]+(?:\.[0-9]+){3}|[0-9A-Fa-f]*(?::[0-9A-Fa-f]*)+)(?![0-9A-Za-z:]|\.[0-9A-Za-z])', 'g') AS m(match)
        UNION ALL
        -- each pair of adjacent capitalised words: the k-th word followed by another zipped
        -- with the k-th word preceded by one (both in text order, so they pair up). Linear:
        -- a lookbehind is matched incrementally, and nothing is re-split per pair (split_part
        -- or words[i] per pair was quadratic: a 100 kB run took minutes,
        -- tests/test_fuzz_detectors.py)
        SELECT 'person_name', p.first_word[1] OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) p.next_word[1]
          FROM ROWS FROM (
                   pg_catalog.regexp_matches(p_text, '([A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+)(?=\.?[ ]+[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+)', 'g'),
                   pg_catalog.regexp_matches(p_text, '(?<=[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+\.?[ ]+)([A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+)', 'g')) AS p(first_word, next_word)
      ) AS t
    -- Each family's gate (above, a NULL text has no matches) and its detector (here, folded
    -- to the one detector of each branch) sit where a parallel plan can still run them: a
    -- WHERE in a UNION ALL branch would keep the branch from being flattened, and the
    -- unflattened branch's reference to the caller's row rules out a parallel plan.
     WHERE CASE t.kind
               WHEN 'email' THEN anon.is_email(t.candidate)
               WHEN 'phone' THEN anon.is_phone(t.candidate)
               WHEN 'iban' THEN anon.is_iban(t.candidate)
               WHEN 'card_number' THEN anon.is_card_number(t.candidate)
               WHEN 'national_id' THEN anon.national_id_kind(t.candidate) IS NOT NULL
               WHEN 'ip_address' THEN anon.is_ip_address(t.candidate)
               ELSE t.candidate IS NOT NULL
           END;
END;
COMMENT ON FUNCTION anon.pii_tokens(text) IS
    'pgscrub: normalised PII tokens embedded in free text (email, phone, iban, card_number, national_id, ip_address, person_name candidates)';
