-- Before any row of a table changes: raise, naming the rule, when one of the table's
-- reviewed rules cannot apply (unknown strategy, dropped column, type mismatch, output
-- too long for the column, a non-injective strategy on a UNIQUE column, collisions).
-- FOUNDATION STUB: the rules work (issue 4) fills it in.
CREATE OR REPLACE FUNCTION anon.preflight_rules(p_table regclass)
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
BEGIN
    RETURN;
END
$$;
COMMENT ON FUNCTION anon.preflight_rules(regclass) IS
    'pgscrub: raise, naming the rule, when a reviewed rule of the table cannot apply';
