-- requires: mask_email.sql, mask_phone.sql, mask_national_id.sql, mask_iban.sql, mask_card_number.sql, mask_digits.sql, mask_postal_code.sql, mask_dictionary.sql, mask_hash.sql, mask_pseudonym.sql, mask_birth_date_text.sql, mask_ip_text.sql, mask_redact.sql, rule_unknown_strategy.sql
-- The masked text of a value under any text strategy: the one dispatch from strategy
-- names to maskers. column_expression calls it with a constant strategy, and the planner
-- reduces the CASE to that one masker and inlines it; the JSON, array and free-text
-- maskers call it per value. Each dictionary kind is spelled out so that the kind is a
-- constant even when the strategy is not (the dictionaries then fold once per plan).
CREATE OR REPLACE FUNCTION anon.mask_value(p_strategy text, p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT NULL)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE p_strategy
    WHEN 'keep' THEN p_value
    WHEN 'null' THEN NULL
    WHEN 'constant' THEN p_params OPERATOR(pg_catalog.->>) 'value'
    WHEN 'email' THEN anon.mask_email(p_value, p_params, COALESCE(p_domain, 'email'))
    WHEN 'phone' THEN anon.mask_phone(p_value, p_params, COALESCE(p_domain, 'phone'))
    WHEN 'national_id' THEN anon.mask_national_id(p_value, p_params, COALESCE(p_domain, 'national_id'))
    WHEN 'iban' THEN anon.mask_iban(p_value, p_params, COALESCE(p_domain, 'iban'))
    WHEN 'card_number' THEN anon.mask_card_number(p_value, p_params, COALESCE(p_domain, 'card_number'))
    WHEN 'bank_account' THEN anon.mask_digits(p_value, p_params, COALESCE(p_domain, 'bank_account'))
    WHEN 'digits' THEN anon.mask_digits(p_value, p_params, COALESCE(p_domain, 'digits'))
    WHEN 'postal_code' THEN anon.mask_postal_code(p_value, p_params, COALESCE(p_domain, 'postal_code'))
    WHEN 'first_name' THEN anon.mask_dictionary(p_value, 'first_name', COALESCE(p_domain, 'first_name'))
    WHEN 'last_name' THEN anon.mask_dictionary(p_value, 'last_name', COALESCE(p_domain, 'last_name'))
    WHEN 'person_name' THEN anon.mask_dictionary(p_value, 'person_name', COALESCE(p_domain, 'person_name'))
    WHEN 'address' THEN anon.mask_dictionary(p_value, 'address', COALESCE(p_domain, 'address'))
    WHEN 'city' THEN anon.mask_dictionary(p_value, 'city', COALESCE(p_domain, 'city'))
    WHEN 'company' THEN anon.mask_dictionary(p_value, 'company', COALESCE(p_domain, 'company'))
    WHEN 'hash' THEN anon.mask_hash(p_value, p_params, COALESCE(p_domain, 'hash'))
    WHEN 'pseudonym' THEN anon.mask_pseudonym(p_value, p_params, COALESCE(p_domain, 'pseudonym'))
    WHEN 'birth_date' THEN anon.mask_birth_date_text(p_value, p_params, COALESCE(p_domain, 'birth_date'))
    WHEN 'ip' THEN anon.mask_ip_text(p_value, p_params, COALESCE(p_domain, 'ip'))
    WHEN 'redact' THEN anon.mask_redact(p_value, p_params, COALESCE(p_domain, 'redact'))
    ELSE anon.rule_unknown_strategy(p_strategy)
END;
COMMENT ON FUNCTION anon.mask_value(text, text, jsonb, text) IS
    'pgscrub: the masked text of a value under a strategy (dispatch to the mask_* functions)';
