-- requires: keyed_hash.sql, fingerprint_norm.sql
-- Value fingerprint: 8 bytes of HMAC over the canonical form of an original identifier
-- (email, phone, national ID, IBAN, card, bank account). Validation looks for these in
-- every column of every schema. 64 bits keep accidental matches below one in 10^5 even
-- for 10^7 fingerprints checked against 10^8 values. NULL in, NULL out.
-- Hot path: inlinable SQL-standard body.
CREATE OR REPLACE FUNCTION anon.fingerprint_value(p_value text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.substr(anon.keyed_hash('pgscrub-fingerprint', anon.fingerprint_norm(p_value)), 1, 8);
COMMENT ON FUNCTION anon.fingerprint_value(text) IS
    'pgscrub: keyed fingerprint of a PII value in canonical form (8 bytes of HMAC); NULL in, NULL out';
