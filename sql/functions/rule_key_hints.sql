-- The HIGH and MEDIUM column hints as a constant {pattern, kind} array, in the order the
-- JSON masker tries them for a PII-named key (HIGH first, then by pattern). IMMUTABLE like
-- rule_key_pattern (the hints change only at install/upgrade), so that callers fold it
-- once instead of querying anon.column_hints for every JSON key (~30 us a key).
CREATE OR REPLACE FUNCTION anon.rule_key_hints()
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT COALESCE(pg_catalog.array_agg(ARRAY[h.pattern, h.kind] ORDER BY h.sensitivity, h.pattern), '{}')
      FROM anon.column_hints h
     WHERE h.sensitivity IN ('HIGH', 'MEDIUM')
$$;
COMMENT ON FUNCTION anon.rule_key_hints() IS
    'pgscrub: the HIGH and MEDIUM column hints as {pattern, kind} pairs in priority order (a folded constant)';
