-- requires: detect_iban_length.sql, detect_iban_checksum.sql
-- Is the whole value an IBAN? Country code, the country's length, and the mod-97 check;
-- spaces between groups of four allowed (DE89 3704 0044 0532 0130 00). Inlinable prefilter.
CREATE OR REPLACE FUNCTION anon.is_iban(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) BETWEEN 15 AND 42
   AND p_value OPERATOR(pg_catalog.~) '^\s*[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]+$'
   AND anon.iban_length(pg_catalog.upper(pg_catalog.left(pg_catalog.btrim(p_value), 2)))
       OPERATOR(pg_catalog.=) pg_catalog.length(pg_catalog.translate(p_value, ' ', ''))
   AND anon.iban_checksum_valid(pg_catalog.upper(pg_catalog.translate(p_value, ' ', '')));
COMMENT ON FUNCTION anon.is_iban(text) IS
    'pgscrub: true when the whole value is an IBAN (country length and mod-97 check)';
