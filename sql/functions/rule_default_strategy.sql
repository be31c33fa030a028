-- The strategy proposed for a PII kind (docs/internals.md "PII kinds", plus the hint
-- kinds free_text, geo, gender). Used by propose_rules and by the JSON masker for values
-- under PII-named keys.
CREATE OR REPLACE FUNCTION anon.rule_default_strategy(p_kind text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE p_kind
    WHEN 'email' THEN 'email'
    WHEN 'phone' THEN 'phone'
    WHEN 'person_name' THEN 'person_name'
    WHEN 'first_name' THEN 'first_name'
    WHEN 'last_name' THEN 'last_name'
    WHEN 'national_id' THEN 'national_id'
    WHEN 'iban' THEN 'iban'
    WHEN 'card_number' THEN 'card_number'
    WHEN 'bank_account' THEN 'bank_account'
    WHEN 'address' THEN 'address'
    WHEN 'birth_date' THEN 'birth_date'
    WHEN 'secret' THEN 'hash'
    WHEN 'photo' THEN 'null'
    WHEN 'ip_address' THEN 'ip'
    WHEN 'location' THEN 'city'
    WHEN 'postal_code' THEN 'postal_code'
    WHEN 'username' THEN 'pseudonym'
    WHEN 'free_text' THEN 'redact'
    WHEN 'geo' THEN 'null'
    WHEN 'gender' THEN 'keep'
    ELSE 'hash'
END;
COMMENT ON FUNCTION anon.rule_default_strategy(text) IS
    'pgscrub: the masking strategy proposed for a PII kind';
