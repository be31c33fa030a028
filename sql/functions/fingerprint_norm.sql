-- The canonical form a value is fingerprinted in, so that letter case and separators do not
-- hide a copy: emails lower-cased and trimmed; other identifiers (phones, national IDs,
-- IBANs, cards) upper-cased without spaces and punctuation, without a leading 00. Applied on top of
-- anon.pii_normalize for tokens, so whole values and tokens meet in the same form.
-- Hot path: inlinable SQL-standard body (docs/internals.md).
CREATE OR REPLACE FUNCTION anon.fingerprint_norm(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN pg_catalog.strpos(p_value, '@') OPERATOR(pg_catalog.>) 0
        THEN pg_catalog.lower(pg_catalog.btrim(p_value))
    -- an international 00 prefix dropped, so that 0044 and +44 agree (as anon.pii_normalize does)
    WHEN pg_catalog.left(pg_catalog.ltrim(p_value, E' \t(+'), 2) OPERATOR(pg_catalog.=) '00'
        THEN pg_catalog.substr(pg_catalog.upper(pg_catalog.translate(p_value, E' \t\n-./()+_:', '')), 3)
    ELSE pg_catalog.upper(pg_catalog.translate(p_value, E' \t\n-./()+_:', ''))
END;
COMMENT ON FUNCTION anon.fingerprint_norm(text) IS
    'pgscrub: canonical form of a PII value for fingerprints (emails lower-case, identifiers without separators)';
