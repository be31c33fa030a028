-- The scalar leaves of a JSON document with their JSONPath ($.contact.email,
-- $.phones[*]) and the nearest object key, walked recursively (at most 32 levels deep
-- and 500 leaves, so that one huge document cannot dominate a scan).
CREATE OR REPLACE FUNCTION anon.scan_json_leaves(p_doc jsonb)
RETURNS TABLE(path text, key text, value text)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
BEGIN ATOMIC
    WITH RECURSIVE walk(path, key, node, depth) AS (
        SELECT '$'::text, NULL::text, p_doc, 0
        UNION ALL
        SELECT w.path OPERATOR(pg_catalog.||) c.step, COALESCE(c.key, w.key), c.node, w.depth OPERATOR(pg_catalog.+) 1
          FROM walk w
          CROSS JOIN LATERAL (
              SELECT CASE WHEN o.key OPERATOR(pg_catalog.~) '^[A-Za-z_][A-Za-z0-9_]*$'
                          THEN '.' OPERATOR(pg_catalog.||) o.key
                          ELSE '.' OPERATOR(pg_catalog.||) pg_catalog.to_jsonb(o.key)::pg_catalog.text END AS step,
                     o.key, o.value AS node
                FROM pg_catalog.jsonb_each(CASE WHEN pg_catalog.jsonb_typeof(w.node) OPERATOR(pg_catalog.=) 'object'
                                                THEN w.node ELSE '{}'::pg_catalog.jsonb END) AS o
              UNION ALL
              SELECT '[*]', NULL, a.value
                FROM pg_catalog.jsonb_array_elements(CASE WHEN pg_catalog.jsonb_typeof(w.node) OPERATOR(pg_catalog.=) 'array'
                                                          THEN w.node ELSE '[]'::pg_catalog.jsonb END) AS a
          ) AS c
         WHERE w.depth OPERATOR(pg_catalog.<) 32
    )
    SELECT w.path, w.key, w.node OPERATOR(pg_catalog.#>>) '{}'::text[]
      FROM walk w
     WHERE pg_catalog.jsonb_typeof(w.node) IN ('string', 'number')
     LIMIT 500;
END;
COMMENT ON FUNCTION anon.scan_json_leaves(jsonb) IS
    'pgscrub: scalar leaves of a JSON document with their JSONPath and nearest key';
