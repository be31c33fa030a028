-- requires: fingerprint.sql, fingerprint_value_message.sql
-- Value fingerprint: 8 bytes of SHA-256(key || 'v' || canonical form) of an original
-- identifier (email, phone, national ID, IBAN, card, bank account), with key =
-- anon.fingerprint_key() (derived from the secret; a 32-byte secret prefix makes SHA-256 a
-- keyed function: without the key the fingerprint of a guessed email cannot be computed,
-- and length extension needs the whole digest, of which 8 bytes are kept). Half the cost
-- of pgcrypto's HMAC per value. Validation looks for these in every column of every
-- schema. 64 bits keep accidental matches below one in 10^5 even for 10^7 fingerprints
-- checked against 10^8 values. NULL value in, NULL out.
-- Hot path: inlinable SQL-standard body.
CREATE OR REPLACE FUNCTION anon.fingerprint_value(p_key bytea, p_value text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN anon.fingerprint(p_key, anon.fingerprint_value_message(p_value));
COMMENT ON FUNCTION anon.fingerprint_value(bytea, text) IS
    'pgscrub: keyed fingerprint (8 bytes) of a PII value in canonical form, under anon.fingerprint_key(); NULL in, NULL out';
