-- The PII kind a JSON key (or any name) suggests, from anon.column_hints (HIGH and MEDIUM
-- hints only); NULL when none.
CREATE OR REPLACE FUNCTION anon.rule_key_kind(p_name text)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT h.kind FROM anon.column_hints h
     WHERE h.sensitivity IN ('HIGH', 'MEDIUM') AND p_name ~* h.pattern
     ORDER BY h.sensitivity, h.pattern
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.rule_key_kind(text) IS
    'pgscrub: PII kind suggested by a key or column name (column hints), or NULL';
