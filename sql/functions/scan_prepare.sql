-- The scan's working tables, private to the session and dropped at commit: the columns
-- to classify, the sampled values, the units they split into (a whole value, an array
-- element, a JSON leaf, the text of an XML value), the tokens found in text units, the
-- matches per detector, and the
-- name dictionary folded for joins. Re-creating them makes anon.scan() re-entrant
-- within one transaction.
CREATE OR REPLACE FUNCTION anon.scan_prepare()
RETURNS void
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
BEGIN
    IF pg_catalog.to_regclass('pg_temp.pgscrub_scan_columns') IS NOT NULL THEN
        DROP TABLE pg_temp.pgscrub_scan_columns, pg_temp.pgscrub_scan_values, pg_temp.pgscrub_scan_units,
            pg_temp.pgscrub_scan_tokens, pg_temp.pgscrub_scan_matches, pg_temp.pgscrub_scan_names;
    END IF;
    CREATE TEMPORARY TABLE pgscrub_scan_columns ON COMMIT DROP AS
        SELECT c.*, true AS todo, NULL::text AS skipped_reason, NULL::text AS note
          FROM anon.scan_columns() AS c;
    CREATE TEMPORARY TABLE pgscrub_scan_values (
        value_id  bigint GENERATED ALWAYS AS IDENTITY,
        relid     oid      NOT NULL,
        attnum    smallint NOT NULL,
        category  text     NOT NULL,
        row_no    bigint   NOT NULL,
        value     text     NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMPORARY TABLE pgscrub_scan_units (
        unit_id    bigint GENERATED ALWAYS AS IDENTITY,
        value_id   bigint   NOT NULL,
        relid      oid      NOT NULL,
        attnum     smallint NOT NULL,
        row_no     bigint   NOT NULL,
        category   text     NOT NULL,
        found_in   text     NOT NULL,
        json_path  text,
        hint_kinds text[]   NOT NULL,
        unit       text     NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMPORARY TABLE pgscrub_scan_tokens (
        unit_id    bigint   NOT NULL,
        kind       text     NOT NULL,
        token      text     NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMPORARY TABLE pgscrub_scan_matches (
        value_id   bigint   NOT NULL,
        relid      oid      NOT NULL,
        attnum     smallint NOT NULL,
        kind       text     NOT NULL,
        found_in   text     NOT NULL,
        json_path  text,
        hinted     boolean  NOT NULL,
        example    text
    ) ON COMMIT DROP;
    -- Folded first and last names (anon.dictionary, loaded from Faker at install).
    CREATE TEMPORARY TABLE pgscrub_scan_names ON COMMIT DROP AS
        SELECT anon.fold(d.value) AS word,
               pg_catalog.bool_or(d.kind = 'first_name') AS is_first,
               pg_catalog.bool_or(d.kind = 'last_name') AS is_last
          FROM anon.dictionary d
         WHERE d.kind IN ('first_name', 'last_name')
           AND pg_catalog.strpos(d.value, ' ') = 0
         GROUP BY 1;
    ALTER TABLE pg_temp.pgscrub_scan_names ADD PRIMARY KEY (word);
    ANALYZE pg_temp.pgscrub_scan_names;
END
$$;
COMMENT ON FUNCTION anon.scan_prepare() IS
    'pgscrub: create the scan''s temporary working tables (dropped at commit)';
