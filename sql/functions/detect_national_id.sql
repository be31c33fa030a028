-- requires: detect_nid_us_ssn.sql, detect_nid_uk_nino.sql, detect_nid_de_steuer_id.sql, detect_nid_fr_nir.sql, detect_nid_es_dni.sql, detect_nid_it_codice_fiscale.sql, detect_nid_nl_bsn.sql, detect_nid_br_cpf.sql, detect_nid_in_aadhaar.sql, detect_nid_cz_birth_number.sql
-- Which national identifier the whole value is (us_ssn, uk_nino, de_steuer_id, fr_nir,
-- es_dni, it_codice_fiscale, nl_bsn, br_cpf, in_aadhaar, cz_birth_number), or NULL.
-- Each branch checks the shape with one regular expression first and runs the
-- checksum only when the shape fits. A bare 9-digit number is tried as a BSN only:
-- unformatted SSNs are found through the column name (see anon.scan).
CREATE OR REPLACE FUNCTION anon.national_id_kind(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR pg_catalog.length(p_value) NOT BETWEEN 8 AND 24 THEN NULL
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[0-9]{3}([- ])[0-9]{2}\1[0-9]{4}\s*$'
         AND anon.is_us_ssn(p_value) THEN 'us_ssn'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d]\s*$'
         AND anon.is_uk_nino(p_value) THEN 'uk_nino'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]\s*$'
         AND anon.is_it_codice_fiscale(p_value) THEN 'it_codice_fiscale'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[0-9XYZxyz][0-9]{7}[- ]?[A-Za-z]\s*$'
         AND anon.is_es_dni(p_value) THEN 'es_dni'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[1-478] ?[0-9]{2} ?[0-9]{2} ?(2[ABab]|[0-9]{2}) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\s*$'
         AND anon.is_fr_nir(p_value) THEN 'fr_nir'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*([0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9]{11})\s*$'
         AND anon.is_br_cpf(p_value) THEN 'br_cpf'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[1-9][0-9]( ?[0-9]{3}){3}\s*$'
         AND anon.is_de_steuer_id(p_value) THEN 'de_steuer_id'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[2-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}\s*$'
         AND anon.is_in_aadhaar(p_value) THEN 'in_aadhaar'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*[0-9]{6}/?[0-9]{3,4}\s*$'
         AND anon.is_cz_birth_number(p_value) THEN 'cz_birth_number'
    WHEN p_value OPERATOR(pg_catalog.~) '^\s*([0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3})\s*$'
         AND anon.is_nl_bsn(p_value) THEN 'nl_bsn'
END;
COMMENT ON FUNCTION anon.national_id_kind(text) IS
    'pgscrub: which national ID the whole value is (us_ssn, uk_nino, ..., cz_birth_number), NULL when none';
