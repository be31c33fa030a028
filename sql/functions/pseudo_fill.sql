-- Format preservation: the value with its digits replaced, in order, by p_digits (which
-- must hold at least as many digits as the value); every other character is kept.
-- The template turns each digit into %s (after doubling every %) and format() fills them in
-- one pass (format() is STABLE, so this is too: an IMMUTABLE declaration would silently stop
-- inlining). No marker character: a value may hold any character (a \x01 marker once made
-- such a value fail with "too few arguments for format()").
CREATE OR REPLACE FUNCTION anon.pseudo_fill(p_value text, p_digits text)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.format(
    pg_catalog.regexp_replace(pg_catalog.replace(p_value, '%', '%%'), '[0-9]', '%s', 'g'),
    VARIADIC pg_catalog.string_to_array(p_digits, NULL));
COMMENT ON FUNCTION anon.pseudo_fill(text, text) IS
    'pgscrub: the value with its digits replaced in order by the given digits (format kept)';
