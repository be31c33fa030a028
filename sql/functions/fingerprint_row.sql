-- requires: fingerprint.sql, fingerprint_row_message.sql
-- Row-bound fingerprint: 8 bytes of SHA-256(key || 'r' || table.column || row key ||
-- original value), key = anon.fingerprint_key() (see anon.fingerprint_value for why a
-- secret prefix is enough). It proves that one row of a masked column no longer holds its
-- own original, without judging the value against anybody else's: a masked first name
-- drawn from the dictionary may well equal another customer's real first name, and that
-- is not a leak. p_scope is 'schema.table.column' (quoted identifiers), p_row the row's
-- key as text. Blank values (empty or only spaces) give NULL too: masking keeps the empty
-- string empty, and an empty value that stays empty is no original left behind.
-- Surrounding spaces do not count. Hot path: inlinable SQL-standard body.
-- NULL value in, NULL out.
CREATE OR REPLACE FUNCTION anon.fingerprint_row(p_key bytea, p_scope text, p_row text, p_value text)
RETURNS bytea
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN anon.fingerprint(p_key, anon.fingerprint_row_message(p_scope, p_row, p_value));
COMMENT ON FUNCTION anon.fingerprint_row(bytea, text, text, text) IS
    'pgscrub: keyed fingerprint (8 bytes) of a value bound to its table column and row, under anon.fingerprint_key(); blank or NULL value gives NULL';
