-- requires: pseudo_residue.sql
-- A masked IBAN (compact form) from the compact original: country, check digits and the
-- bank letters before the last run of digits are kept; that run (the account number) is
-- replaced by keyed digits with the same residue modulo 97. Its weight in the mod-97
-- check is 10^6 (country and check digits follow it), so the check still holds.
-- One reference to the hash.
CREATE OR REPLACE FUNCTION anon.pseudo_iban(p_compact text, p_hash bytea)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.left(p_compact, 4)
    OPERATOR(pg_catalog.||) pg_catalog.rtrim(pg_catalog.substr(p_compact, 5), '0123456789')
    OPERATOR(pg_catalog.||) anon.pseudo_residue(
        p_hash,
        pg_catalog.substr(p_compact, 5 OPERATOR(pg_catalog.+) pg_catalog.length(pg_catalog.rtrim(pg_catalog.substr(p_compact, 5), '0123456789')))::numeric,
        97,
        pg_catalog.length(p_compact) OPERATOR(pg_catalog.-) 4
            OPERATOR(pg_catalog.-) pg_catalog.length(pg_catalog.rtrim(pg_catalog.substr(p_compact, 5), '0123456789')));
COMMENT ON FUNCTION anon.pseudo_iban(text, bytea) IS
    'pgscrub: compact IBAN with keyed account digits, mod-97 check digits still valid';
