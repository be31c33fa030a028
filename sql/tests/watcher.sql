-- The new-column watcher records new and retyped columns for classification, ignores what
-- is not user data, never breaks the user's DDL, and default-deny (check_pending) lists
-- what is unclassified until the scan classifies it.
BEGIN;
SELECT plan(16);

SELECT has_function('anon', 'watch_new_columns', 'the watcher function exists');
SELECT is((SELECT evtevent FROM pg_event_trigger WHERE evtname = 'pgscrub_watch_new_columns')::text,
          'ddl_command_end', 'installed on ddl_command_end (superuser install)');

CREATE TABLE public.users (id int PRIMARY KEY, email text);
SELECT results_eq($$SELECT column_name::text COLLATE "default", column_type, change, command_tag
                      FROM anon.pending_columns ORDER BY column_name$$,
                  $$VALUES ('email', 'text', 'added', 'CREATE TABLE'), ('id', 'integer', 'added', 'CREATE TABLE')$$,
                  'CREATE TABLE: every column is pending');
SELECT throws_like($$SELECT anon.check_pending()$$, '2 column(s) are new or retyped and not classified yet: public.users.id (integer), public.users.email (text)',
                   'check_pending refuses and lists them');

-- The scan classifies them (by hand here, as anon.scan() records it).
INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
VALUES ('public', 'users', 'id', 'integer', 'LOW'), ('public', 'users', 'email', 'text', 'HIGH');
SELECT lives_ok($$SELECT anon.check_pending()$$, 'once classified, nothing is pending');
DELETE FROM anon.pending_columns;

ALTER TABLE public.users ADD COLUMN backup_email text, ALTER COLUMN id TYPE bigint;
SELECT results_eq($$SELECT column_name::text COLLATE "default", change FROM anon.pending_columns ORDER BY column_name$$,
                  $$VALUES ('backup_email', 'added'), ('id', 'retyped')$$,
                  'ALTER TABLE: new and retyped columns, not the unchanged ones');
ALTER TABLE public.users RENAME COLUMN email TO contact;
SELECT ok(EXISTS (SELECT FROM anon.pending_columns WHERE column_name = 'contact'), 'a renamed column is new to the scan');
DELETE FROM anon.pending_columns;
INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
VALUES ('public', 'users', 'contact', 'text', 'HIGH'), ('public', 'users', 'backup_email', 'text', 'HIGH')
ON CONFLICT DO NOTHING;
UPDATE anon.scanned_columns SET column_type = 'bigint' WHERE column_name = 'id';
DROP TABLE public.users;
CREATE TABLE public.users (id bigint PRIMARY KEY, contact text, backup_email text);
SELECT is_empty($$SELECT FROM anon.pending_columns$$,
                'a table recreated with the same columns and types (a restore) has nothing new');

CREATE TABLE public.copy AS SELECT * FROM public.users;
SELECT is((SELECT count(*) FROM anon.pending_columns WHERE table_name = 'copy'), 3::bigint, 'CREATE TABLE AS');
SELECT * INTO public.copy2 FROM public.users;
SELECT is((SELECT count(*) FROM anon.pending_columns WHERE table_name = 'copy2'), 3::bigint, 'SELECT INTO');
CREATE MATERIALIZED VIEW public.contacts AS SELECT contact FROM public.users;
SELECT is((SELECT count(*) FROM anon.pending_columns WHERE table_name = 'contacts'), 1::bigint, 'CREATE MATERIALIZED VIEW');
CREATE TEMP TABLE scratch (secret text);
CREATE TABLE anon.not_user_data (x text);
SELECT is((SELECT count(*) FROM anon.pending_columns WHERE table_name IN ('scratch', 'not_user_data')), 0::bigint,
          'temporary tables and pgscrub''s own are not user data');

-- A migration role without any privilege on anon still gets its columns recorded.
CREATE ROLE migrator;
GRANT CREATE, USAGE ON SCHEMA public TO migrator;
SET LOCAL ROLE migrator;
CREATE TABLE public.from_migration (phone text);
RESET ROLE;
SELECT ok(EXISTS (SELECT FROM anon.pending_columns WHERE table_name = 'from_migration'),
          'DDL by a role without privileges on anon is recorded (SECURITY DEFINER)');

-- Whatever goes wrong inside, the user's DDL goes through.
ALTER TABLE anon.pending_columns RENAME TO pending_columns_away;
SELECT lives_ok($$CREATE TABLE public.still_works (x text)$$, 'the watcher failing never fails the DDL');
ALTER TABLE anon.pending_columns_away RENAME TO pending_columns;

-- Without the watcher, default-deny compares the catalog with the classified columns.
UPDATE anon.installation SET watcher_installed = false;
DELETE FROM anon.pending_columns;
SELECT throws_like($$SELECT anon.check_pending()$$, '%public.contacts.contact (text)%',
                   'without the watcher: every column not classified with its current type is listed');
INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), 'LOW'
  FROM anon.validate_scope() s JOIN pg_class c ON c.oid = s.relid JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
ON CONFLICT (schema_name, table_name, column_name) DO UPDATE SET column_type = EXCLUDED.column_type;
SELECT lives_ok($$SELECT anon.check_pending()$$, 'and passes once everything is classified');

SELECT * FROM finish();
ROLLBACK;
