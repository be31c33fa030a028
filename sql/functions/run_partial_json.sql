-- A JSON document with its shape and keys kept and every scalar leaf replaced by its
-- partial form (anon.partial with the kind the detectors see in it); numbers and
-- booleans become their type name. Keys that are themselves PII are partial too.
CREATE OR REPLACE FUNCTION anon.run_partial_json(p_doc jsonb)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_kinds text[];
BEGIN
    CASE pg_catalog.jsonb_typeof(p_doc)
    WHEN 'object' THEN
        RETURN (SELECT COALESCE(pg_catalog.jsonb_object_agg(
                    CASE WHEN pg_catalog.cardinality(anon.value_kinds(e.key)) > 0
                         THEN anon.partial(e.key, (anon.value_kinds(e.key))[1]) ELSE e.key END,
                    anon.run_partial_json(e.value)), '{}'::jsonb)
                  FROM pg_catalog.jsonb_each(p_doc) AS e);
    WHEN 'array' THEN
        RETURN (SELECT COALESCE(pg_catalog.jsonb_agg(anon.run_partial_json(e.value) ORDER BY e.n), '[]'::jsonb)
                  FROM pg_catalog.jsonb_array_elements(p_doc) WITH ORDINALITY AS e(value, n));
    WHEN 'string' THEN
        v_kinds := anon.value_kinds(p_doc OPERATOR(pg_catalog.#>>) '{}');
        RETURN pg_catalog.to_jsonb(anon.partial(p_doc OPERATOR(pg_catalog.#>>) '{}',
                                                COALESCE(v_kinds[1], 'other')));
    WHEN 'null' THEN
        RETURN p_doc;
    ELSE
        RETURN pg_catalog.to_jsonb(pg_catalog.jsonb_typeof(p_doc));
    END CASE;
END
$$;
COMMENT ON FUNCTION anon.run_partial_json(jsonb) IS
    'pgscrub: a JSON document reduced to keys, shape and partial leaves, for report examples';
