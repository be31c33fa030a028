-- What free-text redaction looks for, as a constant: one row per PII kind of {kind,
-- POSIX regular expression, placeholder, pseudonym strategy}. IMMUTABLE and without
-- arguments, so that mask_redact's PL/pgSQL reads it as a folded constant instead of
-- running a query per text (a query per call cost ~50 us). anon.rule_redact_patterns()
-- shows it as a table. Order matters: IBANs and cards before phones, which would
-- otherwise take their digits. Names are found differently (see mask_redact.sql).
CREATE OR REPLACE FUNCTION anon.rule_redact_pattern_list()
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN ARRAY[
    ['email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', '[EMAIL]', 'email'],
    ['iban', '\m[A-Z]{2}[0-9]{2}( ?[A-Z0-9]{4}){2,7}( ?[A-Z0-9]{1,4})?\M', '[IBAN]', 'iban'],
    ['card_number', '\m[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}\M', '[CARD]', 'card_number'],
    ['national_id', '\m([0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{8}-?[A-Z]|[XYZ][0-9]{7}[A-Z]|[A-CEGHJ-PR-TW-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])\M', '[ID]', 'national_id'],
    ['phone', '(\+|\m00)[0-9][0-9 ().-]{6,}[0-9]|(\m1[ .-]?)?(\([2-9][0-9]{2}\) ?|\m[2-9][0-9]{2}[ .-])[0-9]{3}[ .-][0-9]{4}\M|\m0[0-9]{1,4}[ /.-][0-9]{3,4}[ .-]?[0-9]{3,4}\M', '[PHONE]', 'phone'],
    ['ip_address', '\m([0-9]{1,3}\.){3}[0-9]{1,3}\M', '[IP]', 'ip']];
COMMENT ON FUNCTION anon.rule_redact_pattern_list() IS
    'pgscrub: free-text redaction patterns as a constant array of {kind, pattern, placeholder, strategy}';
