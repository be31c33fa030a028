-- The masking secret as it must be: 16 characters or more. Casting the session setting
-- to this domain inside the (inlined) maskers turns a missing or short secret into an
-- error that names the problem, instead of hashing with an empty key.
CREATE DOMAIN anon.secret_text AS text
    CONSTRAINT "set anon.secret for this session (16+ characters)"
    CHECK (pg_catalog.length(VALUE) >= 16);
COMMENT ON DOMAIN anon.secret_text IS 'pgscrub: the session''s masking secret, checked for length';
