-- ISO 7064 MOD 97-10 check of an IBAN without separators: move the first four
-- characters to the end, letters to numbers (A=10 .. Z=35), the remainder must be 1.
-- Inlinable SQL (26 replace() calls and one numeric remainder), no PL/pgSQL loop: the
-- validation checks every value of masked IBAN columns.
CREATE OR REPLACE FUNCTION anon.iban_checksum_valid(p_iban text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN p_iban OPERATOR(pg_catalog.~) '^[A-Z]{2}[0-9]{2}[A-Z0-9]+$'
   AND (pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.substr(p_iban, 5) OPERATOR(pg_catalog.||) pg_catalog.left(p_iban, 4), 'A', '10'), 'B', '11'), 'C', '12'), 'D', '13'), 'E', '14'), 'F', '15'), 'G', '16'), 'H', '17'), 'I', '18'), 'J', '19'), 'K', '20'), 'L', '21'), 'M', '22'), 'N', '23'), 'O', '24'), 'P', '25'), 'Q', '26'), 'R', '27'), 'S', '28'), 'T', '29'), 'U', '30'), 'V', '31'), 'W', '32'), 'X', '33'), 'Y', '34'), 'Z', '35'))::pg_catalog.numeric OPERATOR(pg_catalog.%) 97 OPERATOR(pg_catalog.=) 1;
COMMENT ON FUNCTION anon.iban_checksum_valid(text) IS
    'pgscrub: ISO 7064 mod-97 check of a compact IBAN (remainder 1)';
