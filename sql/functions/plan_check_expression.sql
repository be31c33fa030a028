-- Before any row changes: plan (EXPLAIN, nothing runs) the UPDATE that would mask one
-- column, so that a rule whose output does not fit the column (type mismatch, identity
-- column GENERATED ALWAYS, unknown function) stops the run with an error naming the rule.
-- Returns whether the expression holds a subquery (ALTER TABLE ... USING cannot).
CREATE OR REPLACE FUNCTION anon.plan_check_expression(p_table regclass, p_column name, p_expression text,
                                                      p_rule_id bigint, p_strategy text)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_plan text;
BEGIN
    EXECUTE pg_catalog.format('EXPLAIN (VERBOSE, FORMAT JSON) UPDATE ONLY %s SET %I = %s',
                              p_table, p_column, p_expression)
       INTO v_plan;
    RETURN v_plan LIKE '%"Subplan Name"%';
EXCEPTION
    WHEN OTHERS THEN
        RAISE EXCEPTION 'rule % (%.%, strategy %) cannot apply: %',
            p_rule_id, p_table, pg_catalog.quote_ident(p_column), p_strategy, SQLERRM
            USING ERRCODE = SQLSTATE,
                  HINT = 'fix the rule (pgscrub rules export, edit, pgscrub rules import), then run again; '
                      || 'nothing was masked';
END
$$;
COMMENT ON FUNCTION anon.plan_check_expression(regclass, name, text, bigint, text) IS
    'pgscrub: raise, naming the rule, when a column''s masking expression cannot be applied; true if it has a subquery';
