-- requires: pseudo_int.sql
-- Nine digits of a plausible US SSN: area 100-899 but never 666, group never 00, serial
-- never 0000 (digits are drawn from 1-9 after the first). The first digit is never
-- p_unlike (the original's first digit), so the SSN never equals the original: the keyed
-- number is taken modulo 7*10^8 and shifted by p_unlike*10^8 modulo 8*10^8 (the first
-- digit runs over 1-8). One reference to the hash.
CREATE OR REPLACE FUNCTION anon.pseudo_ssn(p_hash bytea, p_unlike text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.replace(
    pg_catalog.translate(((((anon.pseudo_int(p_hash) OPERATOR(pg_catalog.%) 700000000)
                               OPERATOR(pg_catalog.+) (COALESCE(pg_catalog.strpos('123456789', NULLIF(p_unlike, '')), 0)::bigint
                                                      OPERATOR(pg_catalog.*) 100000000))
                              OPERATOR(pg_catalog.%) 800000000) OPERATOR(pg_catalog.+) 100000000)::text, '0', '1'),
    '666', '667');
COMMENT ON FUNCTION anon.pseudo_ssn(bytea, text) IS
    'pgscrub: nine digits of a valid-looking SSN (no 000/666/9xx area, 00 group, 0000 serial)';
