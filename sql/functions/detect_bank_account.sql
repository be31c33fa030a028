-- requires: detect_bank_account_cz.sql
-- Is the whole value a domestic bank account number in a format recognisable without
-- the column name: Czech/Slovak prefix-number/bank code with its checks, or a UK sort
-- code followed by an eight-digit account? Other digit-only account numbers are found
-- through the column name (see anon.scan). IBANs are anon.is_iban.
CREATE OR REPLACE FUNCTION anon.is_bank_account(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.strpos(p_value, '/') OPERATOR(pg_catalog.>) 0 AND pg_catalog.length(p_value) BETWEEN 7 AND 24
       AND anon.is_cz_bank_account(p_value)
    OR pg_catalog.length(p_value) BETWEEN 16 AND 20
       AND p_value OPERATOR(pg_catalog.~) '^\s*[0-9]{2}-[0-9]{2}-[0-9]{2}\s+[0-9]{8}\s*$';
COMMENT ON FUNCTION anon.is_bank_account(text) IS
    'pgscrub: true for a domestic account number in a self-evident format (CZ prefix-number/bank, UK sort code + account)';
