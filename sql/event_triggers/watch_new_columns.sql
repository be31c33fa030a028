-- The new-column watcher: after CREATE TABLE, ALTER TABLE, CREATE TABLE AS / SELECT INTO
-- (and CREATE MATERIALIZED VIEW), record in anon.pending_columns every column that the
-- scan has not classified with its current type: the columns of a new relation, new,
-- renamed and retyped columns of an altered one. A table restored again with the same
-- columns and types (the weekly refresh) adds nothing: validation checks its data.
-- Default-deny then holds masking
-- (anon.check_pending) and validation back until `pgscrub scan` classifies them.
-- It must never break the user's DDL: everything is caught, a warning at most.
-- Installed only for superusers (event triggers need it); see installer._apply_routines.
-- SECURITY DEFINER: a migration role without privileges on the anon schema must still get
-- its new columns recorded; the function writes only anon.pending_columns, takes no input
-- but the event, and cannot be called outside an event trigger.
CREATE OR REPLACE FUNCTION anon.watch_new_columns()
RETURNS event_trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
    INSERT INTO anon.pending_columns AS p (schema_name, table_name, column_name, column_type, change, command_tag)
    SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
           CASE WHEN s.column_type IS NULL THEN 'added' ELSE 'retyped' END, TG_TAG
      FROM (SELECT DISTINCT e.objid FROM pg_catalog.pg_event_trigger_ddl_commands() AS e
             WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
               AND NOT e.in_extension) AS cmd
      JOIN pg_catalog.pg_class c ON c.oid = cmd.objid AND c.relkind IN ('r', 'p', 'm')
                                AND c.relpersistence <> 't'
                                AND NOT c.relispartition   -- classified through its parent
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN anon.scanned_columns s
             ON (s.schema_name, s.table_name, s.column_name) = (n.nspname, c.relname, a.attname)
     WHERE n.nspname NOT IN ('anon', 'pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg\_temp\_%'
       AND s.column_type IS DISTINCT FROM pg_catalog.format_type(a.atttypid, a.atttypmod)
    ON CONFLICT (schema_name, table_name, column_name) DO UPDATE
       SET column_type = EXCLUDED.column_type, change = EXCLUDED.change,
           command_tag = EXCLUDED.command_tag, detected_at = pg_catalog.clock_timestamp();
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pgscrub: the new-column watcher could not record this change (%); run pgscrub scan to classify new columns', SQLERRM;
END
$$;
REVOKE ALL ON FUNCTION anon.watch_new_columns() FROM PUBLIC;
COMMENT ON FUNCTION anon.watch_new_columns() IS
    'pgscrub: event trigger recording new and retyped columns in anon.pending_columns (never fails the DDL)';

CREATE EVENT TRIGGER pgscrub_watch_new_columns ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'CREATE MATERIALIZED VIEW')
    EXECUTE FUNCTION anon.watch_new_columns();
COMMENT ON EVENT TRIGGER pgscrub_watch_new_columns IS
    'pgscrub: records new and retyped columns for classification (default-deny)';
