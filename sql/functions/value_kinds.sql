-- requires: detect_email.sql, detect_phone.sql, detect_iban.sql, detect_card.sql, detect_national_id.sql, detect_bank_account.sql, detect_ip.sql, detect_secret.sql, detect_address.sql
-- The PII kinds (docs/internals.md "PII kinds") a whole value matches, from its content
-- alone: email, phone, iban, card_number, national_id, bank_account, ip_address, secret,
-- address. Names need the dictionary and column context, so the scan finds them
-- set-based instead. Empty array for everything else, NULL included.
-- Hot path (validation calls it on every value): an inlinable SQL-standard body whose
-- detectors are inlinable too and start with cheap length/character prefilters; the
-- checksum loops run only for values of the right shape.
CREATE OR REPLACE FUNCTION anon.value_kinds(p_value text)
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    -- every kind here has a digit or an @: words and names stop at this test
    WHEN p_value IS NULL OR pg_catalog.length(p_value) OPERATOR(pg_catalog.<) 5
         OR p_value OPERATOR(pg_catalog.!~) '[0-9@]' THEN '{}'::text[]
    ELSE pg_catalog.array_remove(ARRAY[
        CASE WHEN anon.is_email(p_value) THEN 'email' END,
        CASE WHEN anon.is_phone(p_value) THEN 'phone' END,
        CASE WHEN anon.is_iban(p_value) THEN 'iban' END,
        CASE WHEN anon.is_card_number(p_value) THEN 'card_number' END,
        CASE WHEN anon.national_id_kind(p_value) IS NOT NULL THEN 'national_id' END,
        CASE WHEN anon.is_bank_account(p_value) THEN 'bank_account' END,
        CASE WHEN anon.is_ip_address(p_value) THEN 'ip_address' END,
        CASE WHEN anon.is_secret(p_value) THEN 'secret' END,
        CASE WHEN anon.is_address(p_value) THEN 'address' END
    ]::text[], NULL)
END;
COMMENT ON FUNCTION anon.value_kinds(text) IS
    'pgscrub: PII kinds the whole value matches (email, phone, iban, card_number, national_id, bank_account, ip_address, secret, address)';
