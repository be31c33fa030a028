-- A rule's json_path ($.contact.email, $.items[*].email, $."odd key"[0]) as the list of
-- keys the JSON masker matches ('*' matches any key or array position). Raises on
-- anything else, so a typo in a path is an error at import, not a silent no-op.
CREATE OR REPLACE FUNCTION anon.rule_json_path(p_path text)
RETURNS text[]
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_steps text[] := '{}';
    v_match text[];
    v_rest text := pg_catalog.substr(p_path, 2);
BEGIN
    IF p_path IS NULL OR p_path = '' THEN
        RETURN '{}';
    END IF;
    IF pg_catalog.left(p_path, 1) <> '$' OR p_path = '$' THEN
        RAISE EXCEPTION 'json_path "%" is not a path like $.contact.email', p_path
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'write $.key.key, $.list[*].key, $.list[0] or $."key with dots"';
    END IF;
    -- the JSON masker joins a path's keys with this character to match rules
    IF pg_catalog.strpos(p_path, E'\x1f') > 0 THEN
        RAISE EXCEPTION 'json_path "%" contains the control character U+001F', pg_catalog.replace(p_path, E'\x1f', '\x1f')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'remove the character from the path; a key holding it is matched by * ($.a.*)';
    END IF;
    WHILE v_rest <> '' LOOP
        v_match := pg_catalog.regexp_match(v_rest, '^(\.([A-Za-z0-9_$@-]+|\*)|\."([^"]+)"|\[(\*|[0-9]+)\])(.*)$');
        IF v_match IS NULL THEN
            RAISE EXCEPTION 'json_path "%" is not a path like $.contact.email (stuck at "%")', p_path, v_rest
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'write $.key.key, $.list[*].key, $.list[0] or $."key with dots"';
        END IF;
        v_steps := v_steps || COALESCE(v_match[2], v_match[3], v_match[4]);
        v_rest := v_match[5];
    END LOOP;
    RETURN v_steps;
END
$$;
COMMENT ON FUNCTION anon.rule_json_path(text) IS
    'pgscrub: parse a rule json_path into keys (''*'' = any); raises on invalid syntax';
