-- Regenerates anon.dict_data(), anon.dict_shape(), anon.dict_index() and anon.dict_first_names()
-- from anon.dictionary: the packed, fixed-width form the maskers pick from in O(1). Run by
-- pgscrub install and upgrade after the dictionaries are loaded; run it again after
-- changing anon.dictionary.
-- Entries longer than a per-kind limit are left out so that fakes fit usual column sizes
-- (first names 12 bytes, last names 14, cities 20, addresses and companies 32); full names
-- are 16384 fixed first/last pairs (a masker may use its hash only once, so it cannot pick
-- two entries). Entries that fold alike (anon.fold: 'José', 'JOSE') are kept once, so
-- that the index of a folded name is one position (the maskers skip it). On a server whose encoding is not UTF8 only ASCII entries are used.
-- Returns the number of entries packed.
CREATE OR REPLACE FUNCTION anon.dict_rebuild()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $rebuild$
DECLARE
    v_ascii_only boolean := pg_catalog.current_setting('server_encoding') <> 'UTF8';
    v_data text := '';
    v_shape text := '';
    v_index text := '';
    v_total integer := 0;
    r record;
BEGIN
    CREATE TEMP TABLE pg_temp.dict_entries ON COMMIT DROP AS
    WITH sources (kind, source_kind, max_bytes) AS (
        VALUES ('first_name', 'first_name', 12), ('last_name', 'last_name', 14), ('city', 'city', 20),
               ('address', 'street_address', 32), ('company', 'company', 32)),
    firsts AS (
        SELECT DISTINCT ON (s.kind, anon.fold(pg_catalog.btrim(d.value))) s.kind, d.value, d.position
          FROM sources s
          JOIN anon.dictionary d ON d.kind = s.source_kind
         WHERE pg_catalog.octet_length(d.value) <= s.max_bytes
           AND (NOT v_ascii_only OR d.value ~ '^[ -~]+$')
         ORDER BY s.kind, anon.fold(pg_catalog.btrim(d.value)), d.position)
    SELECT f.kind, f.value,
           (pg_catalog.row_number() OVER (PARTITION BY f.kind ORDER BY f.position) - 1)::integer AS n
      FROM firsts f;
    INSERT INTO pg_temp.dict_entries (kind, value, n)
    SELECT 'person_name', p.value, (pg_catalog.row_number() OVER (ORDER BY p.k) - 1)::integer
      FROM (SELECT DISTINCT ON (anon.fold(f.value || ' ' || l.value)) f.value || ' ' || l.value AS value, k.n AS k
              FROM pg_catalog.generate_series(0, 16383) AS k(n)
              CROSS JOIN (SELECT pg_catalog.count(*) FILTER (WHERE kind = 'first_name') AS firsts,
                                 pg_catalog.count(*) FILTER (WHERE kind = 'last_name') AS lasts
                            FROM pg_temp.dict_entries) AS sizes
              JOIN pg_temp.dict_entries f ON f.kind = 'first_name' AND f.n = (k.n::bigint * 7919) % sizes.firsts
              JOIN pg_temp.dict_entries l ON l.kind = 'last_name' AND l.n = (k.n::bigint * 104729 + 17) % sizes.lasts
             ORDER BY anon.fold(f.value || ' ' || l.value), k.n) AS p;
    FOR r IN
        WITH widths AS (
            SELECT e.kind, pg_catalog.max(pg_catalog.octet_length(e.value)) AS width, pg_catalog.count(*) AS size
              FROM pg_temp.dict_entries e GROUP BY e.kind)
        SELECT w.kind, w.width, w.size,
               pg_catalog.string_agg(
                   pg_catalog.convert_to(e.value || pg_catalog.repeat(' ', w.width - pg_catalog.octet_length(e.value)), 'UTF8'),
                   ''::bytea ORDER BY e.n) AS data,
               pg_catalog.jsonb_object_agg(anon.fold(pg_catalog.btrim(e.value)), e.n) AS positions
          FROM widths w JOIN pg_temp.dict_entries e ON e.kind = w.kind
         GROUP BY w.kind, w.width, w.size
         ORDER BY w.kind
    LOOP
        v_data := v_data || pg_catalog.format(E'\n        WHEN %L THEN %L::bytea',
                                              r.kind, '\x' || pg_catalog.encode(r.data, 'hex'));
        v_shape := v_shape || pg_catalog.format(E'\n        WHEN %L THEN ''{%s,%s}''::integer[]', r.kind, r.width, r.size);
        v_index := v_index || pg_catalog.format(E'\n        WHEN %L THEN %L::jsonb', r.kind, r.positions);
        v_total := v_total + r.size;
    END LOOP;
    DROP TABLE pg_temp.dict_entries;
    EXECUTE pg_catalog.format($f$
CREATE OR REPLACE FUNCTION anon.dict_data(p_kind text)
RETURNS bytea
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $body$
BEGIN
    RETURN CASE p_kind %s
        ELSE anon.dict_unknown(p_kind)::bytea
    END;
END
$body$$f$, v_data);
    EXECUTE pg_catalog.format($f$
CREATE OR REPLACE FUNCTION anon.dict_shape(p_kind text)
RETURNS integer[]
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $body$
BEGIN
    RETURN CASE p_kind %s
        ELSE anon.dict_unknown(p_kind)::integer[]
    END;
END
$body$$f$, v_shape);
    EXECUTE pg_catalog.format($f$
CREATE OR REPLACE FUNCTION anon.dict_index(p_kind text)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $body$
BEGIN
    RETURN CASE p_kind %s
        ELSE anon.dict_unknown(p_kind)::jsonb
    END;
END
$body$$f$, v_index);
    EXECUTE pg_catalog.format($f$
CREATE OR REPLACE FUNCTION anon.dict_first_names()
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $body$
BEGIN
    RETURN %L::jsonb;
END
$body$$f$, (SELECT COALESCE(pg_catalog.jsonb_object_agg(d.value, 1), '{}')
              FROM anon.dictionary d WHERE d.kind = 'first_name' AND d.value !~ '\s'));
    RETURN v_total;
END
$rebuild$;
COMMENT ON FUNCTION anon.dict_rebuild() IS
    'pgscrub: regenerate the packed masking dictionaries (anon.dict_data, anon.dict_shape, anon.dict_index) from anon.dictionary';
