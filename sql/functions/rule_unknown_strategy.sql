-- The error for a strategy name that anon.rule_strategies() does not know.
CREATE OR REPLACE FUNCTION anon.rule_unknown_strategy(p_strategy text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
BEGIN
    RAISE EXCEPTION 'unknown masking strategy "%"', p_strategy
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'strategies: ' || (SELECT pg_catalog.string_agg(s.strategy, ', ' ORDER BY s.strategy) FROM anon.rule_strategies() s);
END
$$;
COMMENT ON FUNCTION anon.rule_unknown_strategy(text) IS
    'pgscrub: error naming an unknown masking strategy and listing the known ones';
