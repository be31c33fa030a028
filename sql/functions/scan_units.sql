-- Split the sampled values into the units the detectors look at: a whole value, each
-- element of an array, each scalar leaf of a JSON document (with its path, and the kinds
-- its key name suggests), the text content of an XML value. Then find the PII tokens of
-- the units that are free text. Returns the number of units.
CREATE OR REPLACE FUNCTION anon.scan_units()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_units bigint;
BEGIN
    INSERT INTO pg_temp.pgscrub_scan_units (value_id, relid, attnum, row_no, category, found_in, json_path, hint_kinds, unit)
    SELECT v.value_id, v.relid, v.attnum, v.row_no, v.category, 'value', NULL, c.hint_kinds, v.value
      FROM pg_temp.pgscrub_scan_values v
      JOIN pg_temp.pgscrub_scan_columns c ON c.relid = v.relid AND c.attnum = v.attnum
     WHERE v.category IN ('text', 'number', 'date', 'inet', 'bytea')
    UNION ALL
    SELECT v.value_id, v.relid, v.attnum, v.row_no, v.category, 'array', NULL, c.hint_kinds, e.element
      FROM pg_temp.pgscrub_scan_values v
      JOIN pg_temp.pgscrub_scan_columns c ON c.relid = v.relid AND c.attnum = v.attnum
     CROSS JOIN LATERAL pg_catalog.string_to_table(v.value, E'\x1f') AS e(element)
     WHERE v.category = 'array' AND e.element <> ''
    UNION ALL
    SELECT v.value_id, v.relid, v.attnum, v.row_no, v.category, 'xml', NULL, c.hint_kinds,
           pg_catalog.regexp_replace(v.value, '<[^>]*>', ' ', 'g')
      FROM pg_temp.pgscrub_scan_values v
      JOIN pg_temp.pgscrub_scan_columns c ON c.relid = v.relid AND c.attnum = v.attnum
     WHERE v.category = 'xml';

    -- JSON: the leaves, each with the hints of its key (computed once per distinct key).
    WITH leaves AS MATERIALIZED (
        SELECT v.value_id, v.relid, v.attnum, v.row_no, l.path, l.key, l.value
          FROM pg_temp.pgscrub_scan_values v
         CROSS JOIN LATERAL anon.scan_json_leaves(anon.scan_try_jsonb(v.value)) AS l
         WHERE v.category = 'json' AND pg_catalog.length(v.value) < 65536
    ), keys AS (
        SELECT k.key, anon.scan_hint_kinds(k.key) AS kinds
          FROM (SELECT DISTINCT l.key FROM leaves l WHERE l.key IS NOT NULL) AS k
    )
    INSERT INTO pg_temp.pgscrub_scan_units (value_id, relid, attnum, row_no, category, found_in, json_path, hint_kinds, unit)
    SELECT l.value_id, l.relid, l.attnum, l.row_no, 'json', 'json', l.path, COALESCE(k.kinds, '{}'), l.value
      FROM leaves l
      LEFT JOIN keys k ON k.key = l.key
     WHERE l.value <> '';
    -- A JSON value cut at 64 kB does not parse: its text is still searched.
    INSERT INTO pg_temp.pgscrub_scan_units (value_id, relid, attnum, row_no, category, found_in, json_path, hint_kinds, unit)
    SELECT v.value_id, v.relid, v.attnum, v.row_no, 'json', 'json', NULL, '{}', v.value
      FROM pg_temp.pgscrub_scan_values v
     WHERE v.category = 'json' AND pg_catalog.length(v.value) >= 65536;

    SELECT pg_catalog.count(*) INTO v_units FROM pg_temp.pgscrub_scan_units;

    -- Free text: units with words (and all XML text); short values are whole values.
    INSERT INTO pg_temp.pgscrub_scan_tokens (unit_id, kind, token)
    SELECT u.unit_id, t.kind, t.token
      FROM pg_temp.pgscrub_scan_units u
     CROSS JOIN LATERAL anon.pii_tokens(u.unit) AS t
     WHERE u.category IN ('text', 'json', 'array', 'xml')
       AND (u.found_in = 'xml' OR pg_catalog.strpos(u.unit, ' ') > 0 AND pg_catalog.length(u.unit) > 24);
    ANALYZE pg_temp.pgscrub_scan_units;
    ANALYZE pg_temp.pgscrub_scan_tokens;
    RETURN v_units;
END
$$;
COMMENT ON FUNCTION anon.scan_units() IS
    'pgscrub: split sampled values into units (values, array elements, JSON leaves, XML text) and find tokens in free text';
