-- requires: mask_birth_date.sql, mask_digits.sql
-- Dates of birth stored as text (or inside JSON): ISO dates (YYYY-MM-DD, anything after
-- is kept) through mask_birth_date; other text digit by digit. The date is rebuilt from
-- its parts, so an impossible date such as 2023-02-30 never aborts a run.
CREATE OR REPLACE FUNCTION anon.mask_birth_date_text(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'birth_date')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN p_value OPERATOR(pg_catalog.~) '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-[0-3][0-9]' THEN
        pg_catalog.to_char(anon.mask_birth_date(
            pg_catalog.make_date(pg_catalog.left(p_value, 4)::integer, pg_catalog.substr(p_value, 6, 2)::integer, 1)
                OPERATOR(pg_catalog.+) (pg_catalog.substr(p_value, 9, 2)::integer OPERATOR(pg_catalog.-) 1),
            p_params, p_domain), 'YYYY-MM-DD')
        OPERATOR(pg_catalog.||) pg_catalog.substr(p_value, 11)
    ELSE anon.mask_digits(p_value, '{}', p_domain)
END;
COMMENT ON FUNCTION anon.mask_birth_date_text(text, jsonb, text) IS
    'pgscrub: mask_birth_date for ISO dates stored as text; other text digit by digit';
