-- What a row-bound fingerprint hashes: 'r', the column (schema.table.column), the row's
-- key and the value without surrounding spaces; a blank or NULL value gives NULL.
-- Hot path: inlinable SQL-standard body.
CREATE OR REPLACE FUNCTION anon.fingerprint_row_message(p_scope text, p_row text, p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN 'r' OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) p_scope
    OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) p_row
    OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) NULLIF(pg_catalog.btrim(p_value), '');
COMMENT ON FUNCTION anon.fingerprint_row_message(text, text, text) IS
    'pgscrub: the message a row-bound fingerprint hashes (column, row key, value); blank or NULL value gives NULL';
