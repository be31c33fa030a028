-- How many ASCII digits a value holds: the cheapest prefilter of the detectors (no
-- regular expression). Inlinable.
CREATE OR REPLACE FUNCTION anon.digit_count(p_value text)
RETURNS integer
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) OPERATOR(pg_catalog.-)
       pg_catalog.length(pg_catalog.translate(p_value, '0123456789', ''));
COMMENT ON FUNCTION anon.digit_count(text) IS
    'pgscrub: number of digits 0-9 in a value (a cheap detector prefilter)';
