-- requires: run_partial_json.sql
-- The "before" side of a report example: a partial view of an original value that is
-- safe to print. Whole values go through anon.partial(value, kind). JSON documents keep
-- their keys and shape with every leaf reduced to its partial form; free text keeps only
-- the first character of each word, since a detector that misses a name would otherwise
-- print it whole. Called for three rows per masked column, not per row.
CREATE OR REPLACE FUNCTION anon.run_partial_example(p_value text, p_kind text, p_container text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_doc jsonb;
BEGIN
    IF p_value IS NULL THEN
        RETURN NULL;
    END IF;
    IF p_container = 'json' THEN
        BEGIN
            v_doc := p_value::jsonb;
        EXCEPTION WHEN others THEN
            RETURN anon.run_partial_example(p_value, p_kind, 'text');
        END;
        RETURN pg_catalog.left(anon.run_partial_json(v_doc)::text, 400);
    ELSIF p_container IN ('text', 'xml', 'array') THEN
        RETURN pg_catalog.regexp_replace(pg_catalog.left(p_value, 200), '(\w)[^[:space:]]*', '\1***', 'g');
    END IF;
    RETURN anon.partial(p_value, p_kind);
END
$$;
COMMENT ON FUNCTION anon.run_partial_example(text, text, text) IS
    'pgscrub: safe partial form of an original value for report examples (whole value, JSON or free text)';
