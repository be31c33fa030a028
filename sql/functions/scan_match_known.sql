-- Names the database itself knows: once the name columns are known (whole values that
-- are names, at their column's threshold), look for those names in the free text of
-- every column: a full name ("Jane Doe", or a first and a last name from the same row)
-- as adjacent words. This finds people whose names are in no dictionary, inside
-- support tickets or notes. Returns the matches added.
CREATE OR REPLACE FUNCTION anon.scan_match_known()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_added bigint;
BEGIN
    WITH sampled AS (
        SELECT v.relid, v.attnum, pg_catalog.count(*) AS n
          FROM pg_temp.pgscrub_scan_values v GROUP BY v.relid, v.attnum
    ), name_columns AS (
        SELECT m.relid, m.attnum, m.kind
          FROM pg_temp.pgscrub_scan_matches m
          JOIN sampled s ON s.relid = m.relid AND s.attnum = m.attnum
         WHERE m.kind IN ('person_name', 'first_name', 'last_name') AND m.found_in = 'value'
         GROUP BY m.relid, m.attnum, m.kind, s.n
        HAVING pg_catalog.count(DISTINCT m.value_id)::numeric / s.n
               >= anon.scan_threshold(m.kind, 'value', pg_catalog.bool_or(m.hinted))
    ), known AS (
        SELECT anon.pii_normalize('person_name', u.unit) AS name
          FROM pg_temp.pgscrub_scan_units u
          JOIN name_columns n ON n.relid = u.relid AND n.attnum = u.attnum AND n.kind = 'person_name'
         WHERE u.found_in = 'value'
        UNION
        SELECT anon.pii_normalize('person_name', g.unit OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) f.unit)
          FROM name_columns gn
          JOIN name_columns fn ON fn.relid = gn.relid AND fn.kind = 'last_name'
          JOIN pg_temp.pgscrub_scan_units g ON g.relid = gn.relid AND g.attnum = gn.attnum AND g.found_in = 'value'
          JOIN pg_temp.pgscrub_scan_units f ON f.relid = fn.relid AND f.attnum = fn.attnum AND f.found_in = 'value'
                                           AND f.row_no = g.row_no
         WHERE gn.kind = 'first_name'
    )
    INSERT INTO pg_temp.pgscrub_scan_matches (value_id, relid, attnum, kind, found_in, json_path, hinted, example)
    SELECT u.value_id, u.relid, u.attnum, 'person_name',
           CASE WHEN u.found_in = 'value' THEN 'text' ELSE u.found_in END, u.json_path, false, t.token
      FROM pg_temp.pgscrub_scan_tokens t
      JOIN known k ON k.name = t.token
      JOIN pg_temp.pgscrub_scan_units u ON u.unit_id = t.unit_id
     WHERE t.kind = 'person_name'
       AND NOT EXISTS (SELECT FROM pg_temp.pgscrub_scan_matches m
                        WHERE m.value_id = u.value_id AND m.kind = 'person_name');
    GET DIAGNOSTICS v_added = ROW_COUNT;
    RETURN v_added;
END
$$;
COMMENT ON FUNCTION anon.scan_match_known() IS
    'pgscrub: find the database''s own known names (from its name columns) inside free text';
