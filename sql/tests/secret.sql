-- The secret: required, checked for length, never accepted from the catalog; the
-- keyed hash depends on it.
BEGIN;
SELECT plan(7);

SELECT lives_ok($$SELECT anon.require_secret()$$, 'the session secret passes the check');

SELECT is(anon.keyed_hash('email', 'jane.doe@gmail.com'),
          @extschema:pgcrypto@.hmac(pg_catalog.convert_to('email:jane.doe@gmail.com', 'UTF8'),
                                    pg_catalog.convert_to(pg_catalog.current_setting('anon.secret'), 'UTF8'), 'sha256'),
          'keyed_hash is HMAC-SHA256 of domain:value under the secret');

SELECT isnt(anon.keyed_hash('email', 'x'), anon.keyed_hash('fingerprint', 'x'),
            'the domain separates outputs for the same value');

SELECT is(anon.keyed_hash('email', NULL), NULL, 'NULL in, NULL out');

SET LOCAL anon.secret = 'another-secret-of-enough-length';
SELECT isnt(anon.keyed_hash('email', 'jane.doe@gmail.com'),
            @extschema:pgcrypto@.hmac(pg_catalog.convert_to('email:jane.doe@gmail.com', 'UTF8'),
                                      pg_catalog.convert_to('pgscrub-DEMO-SECRET-not-for-real-data', 'UTF8'), 'sha256'),
            'changing the secret changes the output');

SET LOCAL anon.secret = 'short';
SELECT throws_ok($$SELECT anon.require_secret()$$, '22023', 'the masking secret is shorter than 16 characters',
                 'a short secret is refused with a clear message');
SELECT throws_like($$SELECT anon.keyed_hash('email', 'x')$$, '%set anon.secret for this session (16+ characters)%',
                   'the inlined maskers refuse a short secret too');

SELECT * FROM finish();
ROLLBACK;
