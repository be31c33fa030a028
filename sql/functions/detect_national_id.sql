-- requires: detect_digit_count.sql, detect_nid_us_ssn.sql, detect_nid_uk_nino.sql, detect_nid_de_steuer_id.sql, detect_nid_fr_nir.sql, detect_nid_es_dni.sql, detect_nid_it_codice_fiscale.sql, detect_nid_nl_bsn.sql, detect_nid_br_cpf.sql, detect_nid_in_aadhaar.sql, detect_nid_cz_birth_number.sql
-- Which national identifier the whole value is (us_ssn, uk_nino, de_steuer_id, fr_nir,
-- es_dni, it_codice_fiscale, nl_bsn, br_cpf, in_aadhaar, cz_birth_number), or NULL.
-- Two cheap anchored expressions (six digits or more; digits and separators only), then
-- a dispatch on the digit count, so that only values of the right shape reach the
-- checker, which checks the exact format and the checksum. A bare 9-digit number is tried as a BSN only:
-- unformatted SSNs are found through the column name (see anon.scan).
CREATE OR REPLACE FUNCTION anon.national_id_kind(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR pg_catalog.length(p_value) NOT BETWEEN 8 AND 24
         OR p_value OPERATOR(pg_catalog.!~) '([0-9][^0-9]*){6}' THEN NULL
    -- all digits once separators are removed
    WHEN p_value OPERATOR(pg_catalog.~) '^[0-9 ./-]+$' THEN
        CASE anon.digit_count(p_value)
            WHEN 9 THEN CASE WHEN anon.is_us_ssn(p_value) THEN 'us_ssn'
                             WHEN pg_catalog.strpos(p_value, '/') > 0 AND anon.is_cz_birth_number(p_value) THEN 'cz_birth_number'
                             WHEN anon.is_nl_bsn(p_value) THEN 'nl_bsn' END
            WHEN 8 THEN CASE WHEN anon.is_nl_bsn(p_value) THEN 'nl_bsn' END
            WHEN 10 THEN CASE WHEN anon.is_cz_birth_number(p_value) THEN 'cz_birth_number' END
            WHEN 11 THEN CASE WHEN anon.is_br_cpf(p_value) THEN 'br_cpf'
                              WHEN anon.is_de_steuer_id(p_value) THEN 'de_steuer_id' END
            WHEN 12 THEN CASE WHEN anon.is_in_aadhaar(p_value) THEN 'in_aadhaar' END
            WHEN 15 THEN CASE WHEN anon.is_fr_nir(p_value) THEN 'fr_nir' END
        END
    -- letters too: NINO (6 digits), DNI/NIE (7-8), codice fiscale (7), Corsican NIR (14:
    -- its department 2A or 2B holds one digit)
    WHEN p_value OPERATOR(pg_catalog.!~) '^\s*[A-Za-z0-9][A-Za-z0-9 ]+$' THEN NULL
    WHEN anon.digit_count(p_value) IN (6, 7) AND anon.is_uk_nino(p_value) THEN 'uk_nino'
    WHEN anon.digit_count(p_value) IN (7, 8) AND anon.is_es_dni(p_value) THEN 'es_dni'
    WHEN anon.digit_count(p_value) OPERATOR(pg_catalog.<=) 7 AND anon.is_it_codice_fiscale(p_value) THEN 'it_codice_fiscale'
    WHEN anon.digit_count(p_value) OPERATOR(pg_catalog.=) 14 AND anon.is_fr_nir(p_value) THEN 'fr_nir'
END;
COMMENT ON FUNCTION anon.national_id_kind(text) IS
    'pgscrub: which national ID the whole value is (us_ssn, uk_nino, ..., cz_birth_number), NULL when none';
