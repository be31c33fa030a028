-- A column or JSON key name in the form the column-name hints are written for:
-- snake_case, lower-case (firstName, "First Name" and FIRST_NAME all give first_name).
CREATE OR REPLACE FUNCTION anon.scan_name_key(p_name text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.lower(pg_catalog.btrim(pg_catalog.regexp_replace(
           pg_catalog.regexp_replace(p_name, '([a-z0-9])([A-Z])', '\1_\2', 'g'),
           '[^A-Za-z0-9]+', '_', 'g'), '_'));
COMMENT ON FUNCTION anon.scan_name_key(text) IS
    'pgscrub: snake_case lower-case form of a column or JSON key name, as column hints expect';
