-- requires: rule_redact_pattern_list.sql
-- What free-text redaction looks for, per PII kind: a POSIX regular expression, the
-- placeholder that replaces a match, and the strategy that replaces it in pseudonym mode
-- (the table form of anon.rule_redact_pattern_list(), in the order they are applied).
CREATE OR REPLACE FUNCTION anon.rule_redact_patterns()
RETURNS TABLE (kind text, pattern text, placeholder text, strategy text)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT l[i][1], l[i][2], l[i][3], l[i][4]
      FROM (SELECT anon.rule_redact_pattern_list()) AS c(l)
     CROSS JOIN LATERAL pg_catalog.generate_subscripts(c.l, 1) AS i
     ORDER BY i
$$;
COMMENT ON FUNCTION anon.rule_redact_patterns() IS
    'pgscrub: regular expressions, placeholders and pseudonym strategies of free-text redaction';
