-- The PII kind a JSON key's name suggests ("email", "phones", "first_name"), or NULL: the
-- first HIGH or MEDIUM column hint that matches it, in the order anon.mask_json tries
-- them. Used once per distinct key name by anon.json_known_keys, not per document.
CREATE OR REPLACE FUNCTION anon.json_key_kind(p_key text)
RETURNS text
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT h.kind
      FROM anon.column_hints h
     WHERE h.sensitivity IN ('HIGH', 'MEDIUM')
       AND p_key OPERATOR(pg_catalog.~*) h.pattern
     ORDER BY h.sensitivity, h.pattern
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.json_key_kind(text) IS
    'pgscrub: the PII kind a JSON key name suggests (first matching HIGH/MEDIUM column hint), or NULL';
