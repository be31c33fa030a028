-- requires: dict_data.sql, dict_shape.sql
-- Entry number p_n (modulo the size) of a packed masking dictionary: one substr() of a
-- constant bytea, whatever the dictionary size. p_kind must be a constant, so that the
-- planner folds dict_data/dict_shape into constants; p_n is referenced once.
CREATE OR REPLACE FUNCTION anon.dict_pick(p_kind text, p_n bigint)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN pg_catalog.rtrim(pg_catalog.convert_from(
    pg_catalog.substr(anon.dict_data(p_kind),
                      ((p_n OPERATOR(pg_catalog.%) (anon.dict_shape(p_kind))[2])
                          OPERATOR(pg_catalog.*) (anon.dict_shape(p_kind))[1] OPERATOR(pg_catalog.+) 1)::integer,
                      (anon.dict_shape(p_kind))[1]),
    'UTF8'), ' ');
COMMENT ON FUNCTION anon.dict_pick(text, bigint) IS
    'pgscrub: entry p_n (mod size) of a packed masking dictionary, O(1)';
