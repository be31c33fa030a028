-- Does the whole value have the shape of a secret that is recognisable without the
-- column name: password hashes (bcrypt, argon2, scrypt, PBKDF2, crypt(3), LDAP),
-- JSON web tokens, private keys and well-known API key formats? Bare hex digests are
-- secrets only when the column name says so (see anon.scan).
CREATE OR REPLACE FUNCTION anon.is_secret(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) >= 16
   AND (pg_catalog.strpos(p_value, '$') > 0
        OR pg_catalog.left(pg_catalog.btrim(p_value), 1) IN ('{', '-')
        OR pg_catalog.left(pg_catalog.btrim(p_value), 3) IN ('eyJ', 'sk_', 'pk_', 'rk_', 'gho', 'ghp', 'ghu', 'ghs', 'ghr',
                                                            'xox', 'AIz', 'AKI', 'ASI'))
   AND p_value OPERATOR(pg_catalog.~) (
        '^\s*(\$(2[abxy]?|argon2(id|i|d)|scrypt|pbkdf2[-_a-z0-9]*|1|5|6|y|gy|7)\$\S{8,}'
        || '|(pbkdf2_sha256|pbkdf2_sha1|bcrypt_sha256|argon2|scrypt)\$\S{16,}'
        || '|\{(SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|PBKDF2[-A-Z0-9]*)\}\S{8,}'
        || '|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*'
        || '|-----BEGIN ([A-Z]+ )?PRIVATE KEY-----'
        || '|(sk|pk|rk)_(live|test)_[A-Za-z0-9]{16,}'
        || '|gh[pousr]_[A-Za-z0-9]{36,}'
        || '|(AKIA|ASIA)[A-Z0-9]{16}'
        || '|xox[abprs]-[A-Za-z0-9-]{10,}'
        || '|AIza[0-9A-Za-z_-]{35}'
        || ')');
COMMENT ON FUNCTION anon.is_secret(text) IS
    'pgscrub: true when the whole value is shaped like a password hash, token, private key or API key';
