-- SHA-256 (hex) of the reviewed rule set in a canonical order and form: what a run
-- records in anon.runs.rules_sha256, so a report says exactly which rules masked the
-- data. Review metadata (who, when, origin) is not part of it: the same rules give the
-- same digest in every database.
CREATE OR REPLACE FUNCTION anon.rules_sha256()
RETURNS text
LANGUAGE sql
STABLE
SET search_path = ''
AS $$
    SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(COALESCE(pg_catalog.string_agg(
               pg_catalog.jsonb_build_array(r.schema_name, r.table_name, r.column_name, r.json_path, r.strategy,
                                            r.params, COALESCE(r.domain, r.strategy), r.sensitivity)::text,
               E'\n' ORDER BY r.schema_name COLLATE "C", r.table_name COLLATE "C", r.column_name COLLATE "C",
                              r.json_path COLLATE "C"), ''), 'UTF8')), 'hex')
      FROM anon.rules r
     WHERE r.reviewed
$$;
COMMENT ON FUNCTION anon.rules_sha256() IS
    'pgscrub: SHA-256 of the reviewed rules in canonical order (recorded per run)';
