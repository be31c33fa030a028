-- Arrays of text-like values (text[], varchar[]): each element masked with the strategy,
-- NULL elements and the order kept. Not inlinable (a loop over elements).
CREATE OR REPLACE FUNCTION anon.mask_array(p_values text[], p_strategy text, p_params jsonb DEFAULT '{}', p_domain text DEFAULT NULL)
RETURNS text[]
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT CASE WHEN p_values IS NULL THEN NULL
                ELSE COALESCE((SELECT pg_catalog.array_agg(anon.mask_value(p_strategy, e.value, p_params, p_domain) ORDER BY e.i)
                                 FROM pg_catalog.unnest(p_values) WITH ORDINALITY AS e(value, i)), '{}')
           END
$$;
COMMENT ON FUNCTION anon.mask_array(text[], text, jsonb, text) IS
    'pgscrub: each element of a text array masked with the strategy';
