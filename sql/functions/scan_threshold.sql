-- The share of sampled values that must match before a kind counts at its sensitivity
-- (below it, the finding is LOW). Low for unambiguous kinds (an email is an email),
-- high for kinds that random data also matches now and then (a Luhn check passes one
-- number in ten, many words are also someone's name), lower when the column or JSON key
-- name suggests the kind, and lower in free text, where one PII token per message is
-- already the pattern ("34% of samples").
CREATE OR REPLACE FUNCTION anon.scan_threshold(p_kind text, p_found_in text, p_hinted boolean)
RETURNS numeric
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_kind IN ('email', 'iban') THEN 0.05
    WHEN p_found_in IN ('text', 'xml') THEN
        CASE WHEN p_kind = 'person_name' THEN 0.15 WHEN p_kind = 'card_number' THEN 0.05 ELSE 0.1 END
    WHEN p_kind IN ('location', 'postal_code', 'username', 'birth_date') THEN 0.8
    WHEN p_kind IN ('first_name', 'last_name') THEN CASE WHEN p_hinted THEN 0.2 ELSE 0.5 END
    WHEN p_kind = 'person_name' THEN CASE WHEN p_hinted THEN 0.2 ELSE 0.3 END
    WHEN p_kind IN ('card_number', 'phone') THEN CASE WHEN p_hinted THEN 0.3 ELSE 0.5 END
    WHEN p_kind = 'national_id' THEN 0.5
    ELSE 0.3
END;
COMMENT ON FUNCTION anon.scan_threshold(text, text, boolean) IS
    'pgscrub: share of samples a kind must match to count at its sensitivity (else LOW)';
