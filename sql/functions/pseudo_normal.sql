-- The form a value is hashed in, so that the same identifier written two ways gets the
-- same pseudonym: upper case without spaces, dashes, dots, slashes and parentheses.
CREATE OR REPLACE FUNCTION anon.pseudo_normal(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.upper(pg_catalog.translate(p_value, ' -./()', ''));
COMMENT ON FUNCTION anon.pseudo_normal(text) IS
    'pgscrub: identifier as hashed: upper case, separators removed';
