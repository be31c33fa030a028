-- How a column's type is checked: 'text' (string types: whole values and the PII tokens
-- in them), 'json' (json, jsonb: each scalar leaf like a whole value), 'document' (xml,
-- arrays of strings or JSON: PII tokens in their text form), 'other' (numbers, dates, booleans, uuids, bytea, ...: they cannot
-- hold the identifiers validation looks for; checked only where a masking rule applies).
-- Domains are looked through.
CREATE OR REPLACE FUNCTION anon.validate_type_class(p_type oid)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    WITH RECURSIVE chain(oid, typtype, typbasetype, typelem, typcategory, depth) AS (
        SELECT t.oid, t.typtype, t.typbasetype, t.typelem, t.typcategory, 0
          FROM pg_catalog.pg_type t WHERE t.oid = p_type
        UNION ALL
        SELECT t.oid, t.typtype, t.typbasetype, t.typelem, t.typcategory, c.depth + 1
          FROM chain c JOIN pg_catalog.pg_type t ON t.oid = c.typbasetype
         WHERE c.typtype = 'd'
    )
    SELECT CASE
        WHEN b.oid IN ('pg_catalog.json'::pg_catalog.regtype, 'pg_catalog.jsonb'::pg_catalog.regtype) THEN 'json'
        WHEN b.oid = 'pg_catalog.xml'::pg_catalog.regtype THEN 'document'
        WHEN b.typcategory = 'S' THEN 'text'
        WHEN b.typcategory = 'A' AND anon.validate_type_class(b.typelem) IN ('text', 'json', 'document') THEN 'document'
        ELSE 'other'
    END
      FROM chain b
     ORDER BY b.depth DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.validate_type_class(oid) IS
    'pgscrub: text | json | document | other: how validation checks values of this type';
