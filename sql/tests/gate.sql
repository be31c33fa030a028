-- The staging gate: lock revokes CONNECT and LOGIN and records what was there; unlock
-- restores exactly that, but only after a clean validation unless forced (recorded);
-- clear refusals when the role running pgscrub lacks the privileges.
BEGIN;
SELECT plan(22);

CREATE ROLE gate_app LOGIN;
CREATE ROLE gate_batch NOLOGIN;
CREATE ROLE gate_reporting LOGIN;
CREATE ROLE gate_weak LOGIN;
SELECT format('GRANT CONNECT ON DATABASE %I TO gate_reporting WITH GRANT OPTION', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO gate_app', current_database()) \gexec
CREATE TEMP TABLE before AS
SELECT (SELECT datacl FROM pg_database WHERE datname = current_database()) AS datacl;

SELECT lives_ok($$SELECT anon.gate_lock(ARRAY['gate_app', 'gate_batch']::name[])$$, 'lock');
SELECT is((SELECT state FROM anon.gate), 'locked', 'the gate says locked');
SELECT ok(NOT has_database_privilege('gate_app', current_database(), 'CONNECT'), 'the application role may not connect');
SELECT ok(NOT has_database_privilege('gate_reporting', current_database(), 'CONNECT'), 'nor roles granted CONNECT explicitly');
SELECT ok(NOT has_database_privilege('public', current_database(), 'CONNECT'), 'nor PUBLIC');
SELECT ok(has_database_privilege(current_user, current_database(), 'CONNECT'), 'pgscrub itself still may');
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gate_app'), false, 'the application role is NOLOGIN');
SELECT is((SELECT previous_state -> 'roles' FROM anon.gate), '{"gate_app": true, "gate_batch": false}'::jsonb,
          'each role''s previous LOGIN is recorded');
SELECT is((SELECT event FROM anon.gate_events ORDER BY happened_at DESC LIMIT 1), 'locked', 'the lock is recorded');

SELECT lives_ok($$SELECT anon.gate_lock()$$, 'locking again while locked');
SELECT is((SELECT previous_state -> 'datacl' FROM anon.gate),
          (SELECT to_jsonb(datacl::text[]) FROM before), 'keeps the state from before the first lock');

SELECT throws_ok($$SELECT anon.gate_unlock()$$, '55000', NULL, 'no unlock without a masking run');
INSERT INTO anon.runs (pgscrub_version, status) VALUES ('test', 'missed');
SELECT throws_like($$SELECT anon.gate_unlock()$$, '%stays locked: the latest run (%) is missed, not clean%',
                   'no unlock after a validation that MISSED something');
UPDATE anon.runs SET status = 'clean';
SELECT lives_ok($$SELECT anon.gate_unlock()$$, 'unlock after a clean validation');
-- the same grants (the order of ACL items carries no meaning, and restoring may change it)
SELECT is((SELECT array_agg(a::text ORDER BY a::text) FROM pg_database, unnest(datacl) a WHERE datname = current_database()),
          (SELECT array_agg(a::text ORDER BY a::text) FROM before, unnest(datacl) a),
          'the database privileges are exactly as before');
SELECT results_eq($$SELECT rolname::text COLLATE "default", rolcanlogin FROM pg_roles WHERE rolname IN ('gate_app', 'gate_batch') ORDER BY 1$$,
                  $$VALUES ('gate_app', true), ('gate_batch', false)$$, 'each role can log in as before, no more');

UPDATE anon.runs SET status = 'missed';
SELECT lives_ok($$SELECT anon.gate_lock(ARRAY['gate_app']::name[])$$, 'lock again');
SELECT lives_ok($$SELECT anon.gate_unlock(true, 'hotfix demo')$$, 'forced unlock');
SELECT is((SELECT detail FROM anon.gate_events WHERE event = 'forced_unlock'),
          jsonb_build_object('database', current_database(), 'run_status', 'missed', 'reason', 'hotfix demo'),
          'a forced unlock is recorded with the reason and the run''s status');

-- Refusals, as roles without the needed privileges (but allowed to use pgscrub).
GRANT USAGE ON SCHEMA anon TO gate_weak;
GRANT EXECUTE ON FUNCTION anon.gate_lock(name[], bigint, boolean) TO gate_weak;
GRANT SELECT, UPDATE ON anon.gate TO gate_weak;
SET LOCAL ROLE gate_weak;
SELECT throws_like($$SELECT anon.gate_lock()$$, '%only its owner%or a superuser%',
                   'a role that does not own the database may not lock it');
RESET ROLE;
SELECT format('ALTER DATABASE %I OWNER TO gate_weak', current_database()) \gexec
SET LOCAL ROLE gate_weak;
SELECT throws_like($$SELECT anon.gate_lock(ARRAY['gate_app']::name[])$$, '%needs CREATEROLE or superuser%',
                   'the owner without CREATEROLE may not make application roles NOLOGIN, and is told');
RESET ROLE;
SELECT throws_like($$SELECT anon.gate_lock(ARRAY[current_user]::name[])$$, '%runs pgscrub%locking itself out%',
                   'pgscrub refuses to lock out its own role');

SELECT * FROM finish();
ROLLBACK;
