-- How errors name a rule: "rule 12 (public.users.email, strategy email)".
CREATE OR REPLACE FUNCTION anon.rule_label(p_rule anon.rules)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT pg_catalog.format('rule %s (%s.%s.%s%s, strategy %s)', p_rule.rule_id,
                             pg_catalog.quote_ident(p_rule.schema_name), pg_catalog.quote_ident(p_rule.table_name),
                             pg_catalog.quote_ident(p_rule.column_name),
                             CASE WHEN p_rule.json_path <> '' THEN ' ' || p_rule.json_path ELSE '' END, p_rule.strategy)
$$;
COMMENT ON FUNCTION anon.rule_label(anon.rules) IS
    'pgscrub: the name of a rule in error messages';
