-- requires: pseudo_int.sql
-- A keyed number of p_width digits congruent to p_number modulo p_modulus. Checksums
-- that are a residue (DNI/NIE letter: mod 23; IBAN check digits: mod 97) stay valid
-- when the masked number keeps the residue of the original, without recomputing them.
-- The result is p_number + p_modulus*(1 + k) modulo p_modulus*Q, Q = floor(10^p_width /
-- p_modulus), k keyed in [0, Q-2]: the residue is kept and the result is never p_number
-- (the shift is never a multiple of p_modulus*Q), while it runs over the other Q - 1
-- numbers of that residue. p_number and p_width come from the value; the hash is
-- referenced once.
-- (OPERATOR() syntax has one precedence for every operator: hence the parentheses.)
CREATE OR REPLACE FUNCTION anon.pseudo_residue(p_hash bytea, p_number numeric, p_modulus integer, p_width integer)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.lpad(
    ((p_number
      OPERATOR(pg_catalog.+) (p_modulus OPERATOR(pg_catalog.*)
         (1 OPERATOR(pg_catalog.+) (pg_catalog.translate(pg_catalog.encode(pg_catalog.substr(p_hash, 1, 20), 'hex'), 'abcdef', '012345')::numeric
          OPERATOR(pg_catalog.%) GREATEST(pg_catalog.floor((10::numeric OPERATOR(pg_catalog.^) p_width) OPERATOR(pg_catalog./) p_modulus) OPERATOR(pg_catalog.-) 1, 1)))))
     OPERATOR(pg_catalog.%) (p_modulus OPERATOR(pg_catalog.*) pg_catalog.floor((10::numeric OPERATOR(pg_catalog.^) p_width) OPERATOR(pg_catalog./) p_modulus))
    )::text, p_width, '0');
COMMENT ON FUNCTION anon.pseudo_residue(bytea, numeric, integer, integer) IS
    'pgscrub: keyed number of p_width digits with the same residue modulo p_modulus as p_number';
