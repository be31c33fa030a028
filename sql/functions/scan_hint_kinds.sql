-- requires: scan_name_key.sql
-- The kinds the column-name hints (anon.column_hints, from sql/data/column_hints.json)
-- suggest for a column or JSON key name. A hint never decides alone: the scan uses it
-- to accept value shapes that are ambiguous without it (bare digits in a "phone"
-- column) and to report columns whose values cannot confirm it (found_in = 'name').
CREATE OR REPLACE FUNCTION anon.scan_hint_kinds(p_name text)
RETURNS text[]
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
RETURN ARRAY(SELECT DISTINCT h.kind
               FROM anon.column_hints h
              WHERE anon.scan_name_key(p_name) OPERATOR(pg_catalog.~*) h.pattern
              ORDER BY h.kind);
COMMENT ON FUNCTION anon.scan_hint_kinds(text) IS
    'pgscrub: kinds suggested by the column-name hints for a column or JSON key name';
