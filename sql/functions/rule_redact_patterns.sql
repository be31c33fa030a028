-- What free-text redaction looks for, per PII kind: a POSIX regular expression, the
-- placeholder that replaces a match, and the strategy that replaces it in pseudonym mode.
-- Names are found differently (see mask_redact.sql). Order matters: IBANs and cards
-- before phones, which would otherwise take their digits.
CREATE OR REPLACE FUNCTION anon.rule_redact_patterns()
RETURNS TABLE (kind text, pattern text, placeholder text, strategy text)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT p.kind, p.pattern, p.placeholder, p.strategy
      FROM (VALUES
        (1, 'email', '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}', '[EMAIL]', 'email'),
        (2, 'iban', '\m[A-Z]{2}[0-9]{2}( ?[A-Z0-9]{4}){2,7}( ?[A-Z0-9]{1,4})?\M', '[IBAN]', 'iban'),
        (3, 'card_number', '\m[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{1,7}\M', '[CARD]', 'card_number'),
        (4, 'national_id', '\m([0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{8}-?[A-Z]|[XYZ][0-9]{7}[A-Z]|[A-CEGHJ-PR-TW-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])\M', '[ID]', 'national_id'),
        (5, 'phone', '(\+|\m00)[0-9][0-9 ().-]{6,}[0-9]|(\m1[ .-]?)?(\([2-9][0-9]{2}\) ?|\m[2-9][0-9]{2}[ .-])[0-9]{3}[ .-][0-9]{4}\M|\m0[0-9]{1,4}[ /.-][0-9]{3,4}[ .-]?[0-9]{3,4}\M', '[PHONE]', 'phone'),
        (6, 'ip_address', '\m([0-9]{1,3}\.){3}[0-9]{1,3}\M', '[IP]', 'ip')
      ) AS p(ordinal, kind, pattern, placeholder, strategy)
     ORDER BY p.ordinal
$$;
COMMENT ON FUNCTION anon.rule_redact_patterns() IS
    'pgscrub: regular expressions, placeholders and pseudonym strategies of free-text redaction';
