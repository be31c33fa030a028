-- The SQL expression that reads one column for the sample, as text, without loading
-- huge values whole: strings, JSON and XML are cut to their first 64 kB (substr reads
-- only that slice of a TOASTed value), JSON documents larger than 256 kB on disk are
-- skipped, arrays keep their first 50 elements joined by a unit separator, bytea only
-- its first 16 bytes (magic numbers) in hex, dates as ISO text.
CREATE OR REPLACE FUNCTION anon.scan_sample_expression(p_column_sql text, p_category text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
RETURN CASE p_category
    WHEN 'text' THEN pg_catalog.format('pg_catalog.substr(%s::pg_catalog.text, 1, 65536)', p_column_sql)
    WHEN 'xml' THEN pg_catalog.format('pg_catalog.substr(%s::pg_catalog.text, 1, 65536)', p_column_sql)
    WHEN 'json' THEN pg_catalog.format(
        'CASE WHEN pg_catalog.pg_column_size(%1$s) <= 262144 THEN pg_catalog.substr(%1$s::pg_catalog.text, 1, 65536) END',
        p_column_sql)
    WHEN 'array' THEN pg_catalog.format(
        'pg_catalog.substr(pg_catalog.array_to_string((%s)[1:50]::pg_catalog.text[], E''\x1f''), 1, 65536)', p_column_sql)
    WHEN 'bytea' THEN pg_catalog.format(
        'pg_catalog.encode(pg_catalog.substr(%s, 1, 16), ''hex'')', p_column_sql)
    WHEN 'inet' THEN pg_catalog.format('pg_catalog.host(%s::pg_catalog.inet)', p_column_sql)
    WHEN 'date' THEN pg_catalog.format('(%s)::pg_catalog.date::pg_catalog.text', p_column_sql)
    WHEN 'number' THEN pg_catalog.format('(%s)::pg_catalog.text', p_column_sql)
END;
COMMENT ON FUNCTION anon.scan_sample_expression(text, text) IS
    'pgscrub: SQL reading one column for the scan sample as text, huge values cut';
