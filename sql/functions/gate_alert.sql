-- Raise the alarm: record an 'alert' gate event and NOTIFY anon_alerts with a JSON payload
-- (event, database, run, gate state, details such as the MISSED columns), for listeners
-- such as `pgscrub pipeline`, which also forwards it to a webhook. Payloads name tables
-- and columns and count values; they never carry a value. NOTIFY payloads must stay under
-- 8000 bytes: long column lists are cut, saying how many were left out.
CREATE OR REPLACE FUNCTION anon.gate_alert(p_event text, p_run_id bigint DEFAULT NULL,
                                           p_detail jsonb DEFAULT '{}')
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_payload jsonb;
    v_columns jsonb := p_detail -> 'columns';
    v_keep    integer;
BEGIN
    v_payload := pg_catalog.jsonb_build_object(
        'event', p_event,
        'database', pg_catalog.current_database(),
        'run_id', p_run_id,
        'gate', (SELECT g.state FROM anon.gate g),
        'at', pg_catalog.now()) || p_detail;
    IF pg_catalog.jsonb_typeof(v_columns) = 'array' THEN
        v_keep := pg_catalog.jsonb_array_length(v_columns);
        WHILE pg_catalog.octet_length(v_payload::text) > 7500 AND v_keep > 0 LOOP
            v_keep := v_keep / 2;
            v_payload := v_payload || pg_catalog.jsonb_build_object(
                'columns', (SELECT COALESCE(pg_catalog.jsonb_agg(e ORDER BY o), '[]')
                              FROM pg_catalog.jsonb_array_elements(v_columns) WITH ORDINALITY AS x(e, o)
                             WHERE o <= v_keep),
                'columns_left_out', pg_catalog.jsonb_array_length(v_columns) - v_keep);
        END LOOP;
    END IF;
    INSERT INTO anon.gate_events (event, run_id, detail) VALUES ('alert', p_run_id, v_payload);
    PERFORM pg_catalog.pg_notify('anon_alerts', v_payload::text);
    RETURN v_payload;
END
$$;
COMMENT ON FUNCTION anon.gate_alert(text, bigint, jsonb) IS
    'pgscrub: record an alert and NOTIFY anon_alerts with a JSON payload (names and counts, never values)';
