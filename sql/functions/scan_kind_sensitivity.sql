-- The sensitivity of a PII kind when the evidence is strong enough (docs/internals.md
-- "PII kinds"): MEDIUM for IP addresses, places, postal codes and usernames, HIGH for
-- every other kind.
CREATE OR REPLACE FUNCTION anon.scan_kind_sensitivity(p_kind text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE WHEN p_kind IN ('ip_address', 'location', 'postal_code', 'username') THEN 'MEDIUM' ELSE 'HIGH' END;
COMMENT ON FUNCTION anon.scan_kind_sensitivity(text) IS
    'pgscrub: HIGH or MEDIUM, the sensitivity of a PII kind once confirmed';
