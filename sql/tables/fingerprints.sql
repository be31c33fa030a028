-- Keyed fingerprints (truncated HMAC) of original PII values and tokens, taken before
-- masking and dropped once a run validates clean. Without the secret they reveal nothing.
CREATE TABLE anon.fingerprints (
    run_id       bigint NOT NULL,
    kind         text   NOT NULL,     -- email, phone, name, national_id, ...; or 'row' for row-bound checks
    fingerprint  bytea  NOT NULL
);
COMMENT ON TABLE anon.fingerprints IS 'pgscrub: keyed fingerprints of original PII, for validation; deleted after a clean run';
