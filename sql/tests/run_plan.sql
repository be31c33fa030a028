-- The run's planning and batch functions, in a transaction that is rolled back:
-- table order with cycles, the choice of method and why, the statements, rule errors,
-- one keyset and one ctid batch with their ledger rows, triggers off and restored.
BEGIN;
SELECT plan(23);

CREATE TABLE parent (id int PRIMARY KEY, email text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent, email text);
CREATE TABLE cyc_a (id int PRIMARY KEY, b_id int, note text);
CREATE TABLE cyc_b (id int PRIMARY KEY, a_id int REFERENCES cyc_a, note text);
ALTER TABLE cyc_a ADD FOREIGN KEY (b_id) REFERENCES cyc_b;
CREATE TABLE "Odd ""Name""" ("select" int PRIMARY KEY, "E Mail" text);
CREATE VIEW child_emails AS SELECT email FROM child;
CREATE TABLE no_key (line text);
INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 30) g;
INSERT INTO child SELECT g, g, 'c' || g FROM generate_series(1, 30) g;
INSERT INTO no_key SELECT 'l' || g FROM generate_series(1, 30) g;
-- Default-deny: the watcher lists these new tables until the scan classifies them.
SELECT count(*) FROM anon.scan() \g /dev/null
INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES
    ('public', 'parent', 'email', 'hash', true), ('public', 'child', 'email', 'hash', true),
    ('public', 'cyc_a', 'note', 'hash', true), ('public', 'cyc_b', 'note', 'hash', true),
    ('public', 'Odd "Name"', 'E Mail', 'hash', true), ('public', 'no_key', 'line', 'hash', true);

SELECT is((SELECT array_agg(relid::regclass::text ORDER BY position)
             FROM anon.plan_table_order(ARRAY['child'::regclass, 'parent'::regclass]::oid[])),
          ARRAY['parent', 'child'], 'parents come before the tables that reference them');
SELECT is((SELECT array_agg(relid::regclass::text ORDER BY position)
             FROM anon.plan_table_order(ARRAY['cyc_b'::regclass, 'cyc_a'::regclass]::oid[])),
          ARRAY['cyc_a', 'cyc_b'], 'a foreign-key cycle is broken by name');

SELECT is(method, 'rewrite', 'a plain table is rewritten') FROM anon.plan_method('parent', 'rewrite', '{2}', false);
SELECT is(reason, 'column email is used by rule _RETURN on view public.child_emails',
          'a column used by a view is not rewritten, and the plan says why')
  FROM anon.plan_method('child', 'rewrite', '{3}', false);
SELECT is(key_columns, ARRAY['id']::name[], 'batches follow the primary key')
  FROM anon.plan_method('child', 'rewrite', '{3}', false);
SELECT is(method, 'ctid', 'a table without primary key is batched by ctid')
  FROM anon.plan_method('no_key', 'batched', '{1}', false);
SELECT is(method, 'ctid', 'a masked primary key cannot drive the batches')
  FROM anon.plan_method('parent', 'batched', '{1,2}', false);
SELECT is(reason, 'a masking expression contains a subquery', 'ALTER ... USING cannot take a subquery')
  FROM anon.plan_method('parent', 'rewrite', '{2}', true);

SELECT is(anon.plan_masking_sql('"Odd ""Name"""', 'rewrite', '{2}', ARRAY['f("E Mail")'], '{}'),
          E'ALTER TABLE ONLY public."Odd ""Name"""\n    ALTER COLUMN "E Mail" TYPE text USING f("E Mail")',
          'the rewrite statement quotes every identifier');
SELECT matches(anon.plan_masking_sql('child', 'keyset', '{3}', ARRAY['x'], '{id}'),
               'WHERE \(\$1 IS NULL OR \(id\) > \(\$1\[1\]::integer\)\) AND \(\$2 IS NULL OR \(id\) <= \(\$2\[1\]::integer\)\)$',
               'keyset batches take text[] bounds cast to the key types');
SELECT matches(anon.plan_masking_sql('no_key', 'ctid', '{1}', ARRAY['x'], '{}'),
               'ctid >= \$1 AND ctid < \$2 AND pg_catalog.age\(xmin\) > \$3$',
               'ctid batches skip the row versions the run wrote');

SELECT is((SELECT array_agg(table_name::text || ':' || method ORDER BY position) FROM anon.plan_run()),
          ARRAY['Odd "Name":rewrite', 'no_key:rewrite', 'parent:rewrite', 'child:keyset', 'cyc_a:rewrite',
                'cyc_b:rewrite'], 'plan_run plans every ruled table in foreign-key order, cycles last');
SELECT unalike(string_agg(masking_sql, ' '), '%' || current_setting('anon.secret') || '%', 'no statement holds the secret')
  FROM anon.plan_run();

-- the masking expressions are inlined: no pgscrub function is called per row
CREATE TEMPORARY TABLE explained (line text);
DO $$ DECLARE l text; BEGIN
    FOR l IN EXECUTE 'EXPLAIN (VERBOSE) ' || replace(replace(replace(
            (SELECT masking_sql FROM anon.plan_run() WHERE table_name = 'child'), '$1', '(NULL::text[])'),
            '$2', '(NULL::text[])'), '$3', '0') LOOP
        INSERT INTO explained VALUES (l);
    END LOOP;
END $$;
SELECT is((SELECT count(*) FROM explained e
             WHERE EXISTS (SELECT FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
                            WHERE p.pronamespace = 'anon'::regnamespace AND l.lanname IN ('sql', 'plpgsql')
                              AND e.line LIKE '%anon.' || p.proname || '(%')), 0::bigint,
          'EXPLAIN VERBOSE of a masking statement calls no SQL or PL/pgSQL function per row (all inlined)');

INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES
    ('public', 'parent', 'gone', 'hash', true);
SELECT throws_like($$SELECT anon.plan_check_rules()$$, 'rule % (public.parent.gone, strategy hash) cannot apply: the column does not exist%',
                   'a rule on a missing column is named');
DELETE FROM anon.rules WHERE column_name = 'gone';
ALTER TABLE no_key ADD COLUMN n int;
INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES
    ('public', 'no_key', 'n', 'hash', true);
SELECT throws_like($$SELECT * FROM anon.plan_run()$$, 'rule % (public.no_key.n, strategy hash)%integer%',
                   'a rule whose output does not fit the column is named before anything runs');
DELETE FROM anon.rules WHERE column_name = 'n';
ALTER TABLE no_key DROP COLUMN n;

-- one batch of each kind, with its ledger row, in this transaction
SELECT ok(anon.run_begin('batched', 10) > 0, 'run_begin records a run');
SELECT anon.run_table_start(currval(pg_get_serial_sequence('anon.runs', 'run_id')), 'child'::regclass);
SELECT is(anon.run_batch(currval(pg_get_serial_sequence('anon.runs', 'run_id')), 'child'::regclass, 1), 10::bigint,
          'a keyset batch masks batch_size rows');
SELECT is((SELECT last_key FROM anon.run_ranges WHERE table_name = 'child'), ARRAY['10'],
          'and records the last key in the same transaction');
SELECT is((SELECT count(*) FROM child WHERE email = 'c' || id), 20::bigint, 'the other rows are untouched');

SELECT anon.run_table_start(currval(pg_get_serial_sequence('anon.runs', 'run_id')), 'no_key'::regclass);
-- (here the rows were written by this very transaction: pretend the table started after it)
UPDATE anon.run_tables SET start_xid = (pg_current_xact_id()::text::bigint + 1)::text::xid8 WHERE table_name = 'no_key';
SELECT is(anon.run_batch(currval(pg_get_serial_sequence('anon.runs', 'run_id')), 'no_key'::regclass, 1), 30::bigint,
          'a ctid batch covers the blocks of batch_size rows (one small page here)');

CREATE FUNCTION pg_temp.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER always_on BEFORE UPDATE ON parent FOR EACH ROW EXECUTE FUNCTION pg_temp.noop();
ALTER TABLE parent ENABLE ALWAYS TRIGGER always_on;
SELECT is(anon.run_triggers_off('parent') -> 0 ->> 'state', 'A', 'an ENABLE ALWAYS trigger is disabled and remembered');
SELECT anon.run_triggers_restore('parent', '[{"kind": "TRIGGER", "name": "always_on", "state": "A"}]');
SELECT is((SELECT tgenabled FROM pg_trigger WHERE tgname = 'always_on'), 'A', 'and restored as it was');

SELECT anon.run_unlock();
SELECT * FROM finish();
ROLLBACK;
