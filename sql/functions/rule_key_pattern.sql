-- One regular expression matching every name a HIGH or MEDIUM column hint matches: the
-- JSON masker tests each key against it once, and looks for the kind only on a match.
-- IMMUTABLE (the hints change only at install/upgrade) so that plans fold it once.
CREATE OR REPLACE FUNCTION anon.rule_key_pattern()
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT COALESCE(pg_catalog.string_agg('(' || h.pattern || ')', '|' ORDER BY h.pattern), '^$')
      FROM anon.column_hints h
     WHERE h.sensitivity IN ('HIGH', 'MEDIUM')
$$;
COMMENT ON FUNCTION anon.rule_key_pattern() IS
    'pgscrub: one regular expression for every PII-suggesting name of the column hints';
