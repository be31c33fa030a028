-- requires: rule_redact_pattern_list.sql
-- Free text: embedded emails, IBANs, cards, national IDs, phones, IPs (anon.rule_redact_patterns)
-- and person names replaced, the rest of the text untouched.
--   params.mode placeholder (default): [EMAIL], [PHONE], [NAME], ...
--   params.mode pseudonym: the same fake the column strategies give (an email in a ticket
--               becomes the user's masked email), so texts stay consistent with tables.
--   params.kinds: which kinds (default all).
-- A person name is a run of capitalised words from a first name of the dictionaries on
-- ("Customer Jane Doe reported" -> "Customer [NAME] reported").
-- PL/pgSQL: a loop over matches cannot be inlined. Every statement is a simple
-- expression (the patterns are a folded constant, matches are walked with regexp_instr),
-- never a query: a query per text cost more than all the regular expressions together.
CREATE OR REPLACE FUNCTION anon.mask_redact(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'redact')
RETURNS text
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_kinds jsonb := COALESCE(p_params -> 'kinds',
        '["email", "phone", "iban", "card_number", "national_id", "ip_address", "person_name"]'::jsonb);
    v_pseudonyms boolean := COALESCE(p_params ->> 'mode', 'placeholder') = 'pseudonym';
    v_patterns text[] := anon.rule_redact_pattern_list();
    v_count int := pg_catalog.array_length(anon.rule_redact_pattern_list(), 1);
    v_text text := p_value;
    v_i int;
    v_names boolean;
    v_pattern text;
    v_rest text;
    v_done text;
    v_start int;
    v_end int;
    v_found text;
    v_words text[];
    v_word int;
    v_at int;
    -- pseudonym mode: fakes stand in the text as \x01<n in letters>\x01 until every pattern
    -- has run, so that no later pattern re-masks part of an earlier fake (the digits of a
    -- fake IBAN or of an all-digit fake email look like a card). A text that holds \x01
    -- itself gets the fakes written in place, as before.
    v_fakes text[] := '{}';
    v_stand_in boolean := pg_catalog.strpos(p_value, E'\x01') = 0;
BEGIN
    IF p_value IS NULL OR p_value = '' THEN
        RETURN p_value;
    END IF;
    -- The patterns in order, then names (runs of capitalised words).
    FOR v_i IN 1 .. v_count + 1 LOOP
        v_names := v_i > v_count;
        CONTINUE WHEN NOT v_kinds ? CASE WHEN v_names THEN 'person_name' ELSE v_patterns[v_i][1] END;
        IF NOT v_names AND NOT v_pseudonyms THEN
            v_text := pg_catalog.regexp_replace(v_text, v_patterns[v_i][2], v_patterns[v_i][3], 'g');
            CONTINUE;
        END IF;
        -- Names: letters spelled out as in anon.pii_tokens: [[:upper:]] is ASCII-only under
        -- the C locale, and "Lukáš Kraus" must not survive.
        v_pattern := CASE WHEN v_names
                          THEN '[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+'
                               || '(\s+[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+)+'
                          ELSE v_patterns[v_i][2] END;
        -- Match by match, left to right: each is replaced where it was found, never
        -- inside another value that merely contains it.
        v_rest := v_text;
        v_done := '';
        LOOP
            v_start := pg_catalog.regexp_instr(v_rest, v_pattern);
            EXIT WHEN v_start = 0;
            v_end := pg_catalog.regexp_instr(v_rest, v_pattern, 1, 1, 1);
            EXIT WHEN v_end <= v_start;
            v_found := pg_catalog.substr(v_rest, v_start, v_end - v_start);
            v_done := v_done || pg_catalog.left(v_rest, v_start - 1);
            v_rest := pg_catalog.substr(v_rest, v_end);
            IF NOT v_names THEN
                v_fakes := v_fakes || anon.mask_value(v_patterns[v_i][4], v_found, '{}', v_patterns[v_i][4]);
                v_done := v_done || CASE WHEN v_stand_in
                    THEN E'\x01' || pg_catalog.translate(pg_catalog.cardinality(v_fakes)::text, '0123456789', 'abcdefghij') || E'\x01'
                    ELSE v_fakes[pg_catalog.cardinality(v_fakes)] END;
                CONTINUE;
            END IF;
            -- A name starts at the first word that is a first name; the words before stay.
            v_words := pg_catalog.regexp_split_to_array(v_found, '\s+');
            v_at := 0;
            FOR v_word IN 1 .. pg_catalog.array_length(v_words, 1) - 1 LOOP
                IF anon.dict_first_names() ? v_words[v_word] THEN
                    v_at := pg_catalog.strpos(v_found, v_words[v_word] || ' ');
                    EXIT;
                END IF;
            END LOOP;
            v_done := v_done || CASE
                WHEN v_at = 0 THEN v_found
                WHEN v_pseudonyms THEN pg_catalog.left(v_found, v_at - 1)
                    || anon.mask_dictionary(pg_catalog.substr(v_found, v_at), 'person_name', 'person_name')
                ELSE pg_catalog.left(v_found, v_at - 1) || '[NAME]' END;
        END LOOP;
        v_text := v_done || v_rest;
    END LOOP;
    IF v_stand_in THEN
        FOR v_i IN 1 .. pg_catalog.cardinality(v_fakes) LOOP
            v_text := pg_catalog.replace(v_text,
                E'\x01' || pg_catalog.translate(v_i::text, '0123456789', 'abcdefghij') || E'\x01', v_fakes[v_i]);
        END LOOP;
    END IF;
    RETURN v_text;
END
$$;
COMMENT ON FUNCTION anon.mask_redact(text, jsonb, text) IS
    'pgscrub: free text with embedded PII replaced by [EMAIL]-style placeholders or consistent pseudonyms (params: mode, kinds)';
