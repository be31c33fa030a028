-- requires: keyed_hash.sql
-- Row-bound fingerprint: 8 bytes of HMAC over (table.column, row key, original value). It
-- proves that one row of a masked column no longer holds its own original, without
-- judging the value against anybody else's: a masked first name drawn from the dictionary
-- may well equal another customer's real first name, and that is not a leak.
-- p_scope is 'schema.table.column' (quoted identifiers), p_key the row's key as text.
-- Blank values (empty or only spaces) give NULL too: masking keeps the empty string
-- empty, and an empty value that stays empty is no original left behind. Surrounding
-- spaces do not count. Hot path: inlinable SQL-standard body. NULL value in, NULL out.
CREATE OR REPLACE FUNCTION anon.fingerprint_row(p_scope text, p_key text, p_value text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.substr(anon.keyed_hash('pgscrub-row',
    p_scope OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) p_key
            OPERATOR(pg_catalog.||) E'\x1f' OPERATOR(pg_catalog.||) NULLIF(pg_catalog.btrim(p_value), '')), 1, 8);
COMMENT ON FUNCTION anon.fingerprint_row(text, text, text) IS
    'pgscrub: keyed fingerprint of a value bound to its table column and row (8 bytes of HMAC); NULL value in, NULL out';
