-- Default-deny: raise, listing them, when columns were added or retyped and nobody has
-- classified them yet, so that masking never starts on a database whose new columns may
-- hold PII nobody knows about. With the watcher (an event trigger, superuser only) the
-- candidates are the columns it recorded in anon.pending_columns; without it, every
-- column that anon.scanned_columns does not hold with its current type.
CREATE OR REPLACE FUNCTION anon.check_pending()
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_watcher boolean := COALESCE((SELECT i.watcher_installed FROM anon.installation i), false);
    v_count   bigint;
    v_list    text;
BEGIN
    SELECT pg_catalog.count(*),
           pg_catalog.string_agg(pg_catalog.format('%I.%I.%I (%s)', p.schema_name, p.table_name,
                                                   p.column_name, p.column_type), ', '
                                 ORDER BY p.schema_name, p.table_name, p.attnum)
               FILTER (WHERE p.rank <= 20)
      INTO v_count, v_list
      FROM (SELECT q.*, pg_catalog.row_number() OVER (ORDER BY q.schema_name, q.table_name, q.attnum) AS rank
              FROM anon.validate_plan() q
             WHERE CASE WHEN v_watcher THEN q.pending ELSE NOT q.classified END) AS p;
    IF v_count > 0 THEN
        RAISE EXCEPTION '% column(s) are new or retyped and not classified yet: %', v_count,
                        v_list || CASE WHEN v_count > 20 THEN pg_catalog.format(' and %s more', v_count - 20) ELSE '' END
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'classify them first: pgscrub scan (or SELECT * FROM anon.scan()), then review the proposed rules';
    END IF;
END
$$;
COMMENT ON FUNCTION anon.check_pending() IS
    'pgscrub: raise, listing them, when new or retyped columns are not classified yet';
