-- requires: detect_fold.sql
-- The canonical form of a PII value or token, so that fingerprints taken before masking
-- match the same value written differently after: emails lower-cased and trimmed;
-- phones as digits (an international 00 prefix dropped, so +44 and 0044 agree); IDs,
-- IBANs, cards and account numbers upper-case without separators; names folded
-- (lower-case, accents removed: anon.fold) with single spaces; anything else trimmed,
-- lower-cased, single-spaced. Inlinable: validation calls it per value.
CREATE OR REPLACE FUNCTION anon.pii_normalize(p_kind text, p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL THEN NULL
    WHEN p_kind OPERATOR(pg_catalog.=) 'email' THEN pg_catalog.lower(pg_catalog.btrim(p_value))
    WHEN p_kind OPERATOR(pg_catalog.=) 'phone'
        THEN pg_catalog.regexp_replace(pg_catalog.regexp_replace(p_value, '[^0-9]', '', 'g'), '^00', '')
    WHEN p_kind IN ('national_id', 'iban', 'card_number', 'bank_account')
        THEN pg_catalog.regexp_replace(pg_catalog.upper(p_value), '[^0-9A-Z]', '', 'g')
    WHEN p_kind IN ('person_name', 'first_name', 'last_name', 'username')
        THEN pg_catalog.regexp_replace(pg_catalog.btrim(anon.fold(p_value)), '\s+', ' ', 'g')
    ELSE pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', ' ', 'g'))
END;
COMMENT ON FUNCTION anon.pii_normalize(text, text) IS
    'pgscrub: canonical form of a PII value for fingerprints (emails lower-case, phones digits, IDs compact, names folded)';
