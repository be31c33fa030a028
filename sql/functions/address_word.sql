-- The n-th word of the first comma-separated segment of a value (negative n counts from
-- the end, as in split_part), lower-cased, without trailing dots: in "8537 Smith Ways Apt.
-- 297, Kirkhaven 18772" word 1 is '8537', word -2 is 'apt' and word -3 is 'ways'. An empty
-- string when there is no such word. Inlinable helper of anon.is_address (string
-- functions only, no regular expression).
CREATE OR REPLACE FUNCTION anon.address_word(p_value text, p_n integer)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.lower(pg_catalog.rtrim(
    pg_catalog.split_part(pg_catalog.rtrim(pg_catalog.split_part(p_value, ',', 1)), ' ', p_n), '.'));
COMMENT ON FUNCTION anon.address_word(text, integer) IS
    'pgscrub: n-th word of the first comma-separated segment of a value, lower-case, trailing dots removed (helper of anon.is_address)';
