-- requires: keyed_hash.sql, mask_digits.sql, pseudo_check_digits.sql, pseudo_valid_national_id.sql, detect_national_id.sql, pseudo_ssn.sql, pseudo_residue.sql, pseudo_normal.sql
-- National identifiers, format-preserving with valid checks where the format has them:
--   ssn  123-45-6789 or 123456789: a plausible SSN (area/group/serial rules; both
--        spellings of a number hash alike);
--   dni  12345678Z (or 12345678-Z): 8 keyed digits keeping the check letter valid;
--   nie  X1234567L: the same for foreigners' numbers;
--   anything else (and format 'digits'): every digit keyed, letters and separators kept;
--        a Brazilian CPF or Dutch BSN (anon.national_id_kind) gets valid check digits, a
--        German tax ID, Aadhaar, NIR, birth number or codice fiscale a valid checksum and
--        structure (anon.pseudo_valid_national_id).
-- params.format picks one ('auto' recognises them by shape); params.injective: a keyed
-- permutation of the digits instead (for UNIQUE columns; the SSN ranges are not kept).
CREATE OR REPLACE FUNCTION anon.mask_national_id(p_value text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'national_id')
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN (p_params OPERATOR(pg_catalog.->>) 'injective')::boolean
      OR COALESCE(p_params OPERATOR(pg_catalog.->>) 'format', 'auto') = 'digits' THEN
        anon.mask_digits(p_value, p_params, p_domain)
    -- SSN by cheap shape tests first (a regular expression costs about 1 us).
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'format', 'auto') IN ('auto', 'ssn')
         AND pg_catalog.length(p_value) = 11 AND pg_catalog.substr(p_value, 4, 1) = '-' AND pg_catalog.substr(p_value, 7, 1) = '-' THEN
        OVERLAY(OVERLAY(anon.pseudo_ssn(anon.keyed_hash(p_domain, pg_catalog.replace(p_value, '-', '')), pg_catalog.left(p_value, 1))
                PLACING '-' FROM 4 FOR 0) PLACING '-' FROM 7 FOR 0)
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'format', 'auto') IN ('auto', 'ssn')
         AND pg_catalog.length(p_value) = 9 AND p_value OPERATOR(pg_catalog.~) '^[0-9]+$' THEN
        -- nine digits may be an SSN or a Dutch BSN: one passing the BSN's 11-test keeps it
        -- (the last digits adjusted; the SSN's area and group rules hold either way)
        CASE WHEN anon.is_nl_bsn(p_value)
             THEN anon.pseudo_check_digits('nl_bsn', anon.pseudo_ssn(anon.keyed_hash(p_domain, p_value), pg_catalog.left(p_value, 1)))
             ELSE anon.pseudo_ssn(anon.keyed_hash(p_domain, p_value), pg_catalog.left(p_value, 1)) END
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'format', 'auto') IN ('auto', 'dni')
         AND p_value OPERATOR(pg_catalog.~) '^[0-9]{8}-?[A-Za-z]$' THEN
        anon.pseudo_residue(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                            pg_catalog.left(p_value, 8)::numeric, 23, 8)
        OPERATOR(pg_catalog.||) pg_catalog.substr(p_value, 9)
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'format', 'auto') IN ('auto', 'nie')
         AND p_value OPERATOR(pg_catalog.~) '^[XYZxyz][0-9]{7}[A-Za-z]$' THEN
        pg_catalog.left(p_value, 1)
        OPERATOR(pg_catalog.||) anon.pseudo_residue(anon.keyed_hash(p_domain, anon.pseudo_normal(p_value)),
                                                    pg_catalog.substr(p_value, 2, 7)::numeric, 23, 7)
        OPERATOR(pg_catalog.||) pg_catalog.right(p_value, 1)
    -- Other IDs digit by digit; those with a checksum (recognised by it) get a valid one
    -- again: CPF and BSN computed, the others chosen and checked by their detector.
    ELSE CASE anon.national_id_kind(p_value)
        WHEN 'br_cpf' THEN anon.pseudo_check_digits('br_cpf', anon.mask_digits(p_value, p_params, p_domain))
        WHEN 'nl_bsn' THEN anon.pseudo_check_digits('nl_bsn', anon.mask_digits(p_value, p_params, p_domain))
        WHEN 'de_steuer_id' THEN anon.pseudo_valid_national_id('de_steuer_id', p_value, p_params, p_domain)
        WHEN 'in_aadhaar' THEN anon.pseudo_valid_national_id('in_aadhaar', p_value, p_params, p_domain)
        WHEN 'fr_nir' THEN anon.pseudo_valid_national_id('fr_nir', p_value, p_params, p_domain)
        WHEN 'cz_birth_number' THEN anon.pseudo_valid_national_id('cz_birth_number', p_value, p_params, p_domain)
        WHEN 'it_codice_fiscale' THEN anon.pseudo_valid_national_id('it_codice_fiscale', p_value, p_params, p_domain)
        ELSE anon.mask_digits(p_value, p_params, p_domain)
    END
END;
COMMENT ON FUNCTION anon.mask_national_id(text, jsonb, text) IS
    'pgscrub: national IDs, format-preserving with valid checksums (SSN rules, DNI/NIE letters, CPF, BSN, Steuer-ID, Aadhaar, NIR, birth number, codice fiscale) (params: format, injective)';
