-- In an SQL_ASCII database any byte sequence can be stored, so a column can hold text
-- that is not valid UTF-8. The detectors still read it byte by byte; this notes, per
-- column, how many sampled values are not valid UTF-8, so that it is reported rather
-- than silently misread. Returns the number of columns noted (0 in other encodings,
-- where the server guarantees valid text).
CREATE OR REPLACE FUNCTION anon.scan_note_encoding()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_noted bigint;
BEGIN
    IF pg_catalog.current_setting('server_encoding') <> 'SQL_ASCII' THEN
        RETURN 0;
    END IF;
    UPDATE pg_temp.pgscrub_scan_columns c
       SET note = pg_catalog.format('%s of %s sampled values are not valid UTF-8 (SQL_ASCII database)', b.bad, b.total)
      FROM (SELECT v.relid, v.attnum, pg_catalog.count(*) AS total,
                   pg_catalog.count(*) FILTER (WHERE v.value !~
                       '^([\x01-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})*$') AS bad
              FROM pg_temp.pgscrub_scan_values v
             WHERE v.category IN ('text', 'json', 'xml', 'array')
             GROUP BY v.relid, v.attnum) AS b
     WHERE b.bad > 0 AND c.relid = b.relid AND c.attnum = b.attnum;
    GET DIAGNOSTICS v_noted = ROW_COUNT;
    RETURN v_noted;
END
$$;
COMMENT ON FUNCTION anon.scan_note_encoding() IS
    'pgscrub: note columns whose sampled values are not valid UTF-8 (SQL_ASCII databases only)';
