-- The n-th word of the first comma-separated segment of a value (negative n counts from
-- the end, as in split_part), as written: in "8537 Smith Ways Apt. 297, Kirkhaven 18772"
-- word 1 is '8537' and word -3 is 'Ways'. An empty string when there is no such word.
-- Inlinable helper of anon.is_address (two string functions, no regular expression).
CREATE OR REPLACE FUNCTION anon.address_word(p_value text, p_n integer)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.split_part(pg_catalog.rtrim(pg_catalog.split_part(p_value, ',', 1)), ' ', p_n);
COMMENT ON FUNCTION anon.address_word(text, integer) IS
    'pgscrub: n-th word of the first comma-separated segment of a value (helper of anon.is_address)';
