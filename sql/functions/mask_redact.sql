-- Free text: embedded emails, IBANs, cards, national IDs, phones, IPs (anon.rule_redact_patterns)
-- and person names replaced, the rest of the text untouched.
--   params.mode placeholder (default): [EMAIL], [PHONE], [NAME], ...
--   params.mode pseudonym: the same fake the column strategies give (an email in a ticket
--               becomes the user's masked email), so texts stay consistent with tables.
--   params.kinds: which kinds (default all).
-- A person name is a run of capitalised words from a first name of the dictionaries on
-- ("Customer Jane Doe reported" -> "Customer [NAME] reported").
-- PL/pgSQL: a loop over matches cannot be inlined; the regular expressions dominate.
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
    v_text text := p_value;
    v_pattern record;
    v_match text;
    v_words text[];
    v_word int;
    v_name text;
BEGIN
    IF p_value IS NULL OR p_value = '' THEN
        RETURN p_value;
    END IF;
    FOR v_pattern IN SELECT * FROM anon.rule_redact_patterns() p WHERE v_kinds ? p.kind LOOP
        IF NOT v_pseudonyms THEN
            v_text := pg_catalog.regexp_replace(v_text, v_pattern.pattern, v_pattern.placeholder, 'g');
            CONTINUE;
        END IF;
        FOR v_match IN SELECT DISTINCT m[1] FROM pg_catalog.regexp_matches(v_text, '(' || v_pattern.pattern || ')', 'g') AS m LOOP
            v_text := pg_catalog.replace(v_text, v_match,
                anon.mask_value(v_pattern.strategy, v_match, '{}', v_pattern.strategy));
        END LOOP;
    END LOOP;
    IF v_kinds ? 'person_name' THEN
        -- Runs of capitalised words; a name starts at the first word that is a first name.
        -- Letters spelled out as in anon.pii_tokens: [[:upper:]] is ASCII-only under the C
        -- locale, and "Lukáš Kraus" must not survive.
        FOR v_match IN
            SELECT DISTINCT m[1]
              FROM pg_catalog.regexp_matches(v_text,
                       '([A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+'
                       || '(\s+[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠȘŢȚŤŪŮŰŲŹŻŽ][a-zß-öø-ÿā-žș-ț''’-]+)+)', 'g') AS m
        LOOP
            v_words := pg_catalog.regexp_split_to_array(v_match, '\s+');
            FOR v_word IN 1 .. pg_catalog.array_length(v_words, 1) - 1 LOOP
                CONTINUE WHEN NOT anon.dict_first_names() ? v_words[v_word];
                v_name := pg_catalog.substr(v_match, pg_catalog.strpos(v_match, v_words[v_word] || ' '));
                v_text := pg_catalog.replace(v_text, v_name,
                    CASE WHEN v_pseudonyms THEN anon.mask_dictionary(v_name, 'person_name', 'person_name') ELSE '[NAME]' END);
                EXIT;
            END LOOP;
        END LOOP;
    END IF;
    RETURN v_text;
END
$$;
COMMENT ON FUNCTION anon.mask_redact(text, jsonb, text) IS
    'pgscrub: free text with embedded PII replaced by [EMAIL]-style placeholders or consistent pseudonyms (params: mode, kinds)';
