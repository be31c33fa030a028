-- The PII kinds whose original values are fingerprinted for checks in every column of
-- every schema: identifiers that point at one person. Names, addresses, birth dates and
-- the like are not in the list: fake values come from dictionaries and calendars and can
-- legitimately equal somebody's real one, so they are only checked row by row.
CREATE OR REPLACE FUNCTION anon.fingerprint_kinds()
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN '{email,phone,national_id,iban,card_number,bank_account}'::pg_catalog.text[];
COMMENT ON FUNCTION anon.fingerprint_kinds() IS
    'pgscrub: PII kinds fingerprinted by value and checked everywhere (the others are checked per row)';
