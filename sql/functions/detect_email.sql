-- Is the whole value an email address? The strpos prefilter rejects most values before
-- the regular expression runs. Inlinable: value_kinds and validation call it per row.
CREATE OR REPLACE FUNCTION anon.is_email(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.strpos(p_value, '@') > 1
   AND pg_catalog.length(p_value) <= 320
   AND p_value OPERATOR(pg_catalog.~)
       '^\s*[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\s*$';
COMMENT ON FUNCTION anon.is_email(text) IS
    'pgscrub: true when the whole value is an email address (jane.doe@gmail.com)';
