-- requires: keyed_hash.sql, pseudo_int.sql
-- Dates of birth (date; timestamps are cast by the caller), deterministic:
--   year  (default) another day of the same year, keyed: ages stay right to within a year;
--   shift by a keyed number of days in [-max_days, +max_days] other than 0 (default 30);
--   band  the first day of the params.band-year band (default 10): 1984-06-03 -> 1980-01-01.
-- The year is extract(), not date_part(): date_part goes through timestamp, whose range
-- ends in 294276, and one garbage date past it would stop the table's run. For the same
-- reason dates within a year or max_days of the ends of the date range go to their
-- band. Infinity stays infinity (it is not a date of anyone's birth).
CREATE OR REPLACE FUNCTION anon.mask_birth_date(p_value date, p_params jsonb DEFAULT '{}', p_domain text DEFAULT 'birth_date')
RETURNS date
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR NOT pg_catalog.isfinite(p_value) THEN p_value
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'year') = 'band'
         OR p_value OPERATOR(pg_catalog.<) '4700-01-01 BC'::date OR p_value OPERATOR(pg_catalog.>) '5874000-01-01'::date THEN
        pg_catalog.make_date(
            (pg_catalog.extract('year', p_value)::integer
             OPERATOR(pg_catalog./) COALESCE((p_params OPERATOR(pg_catalog.->>) 'band')::integer, 10))
            OPERATOR(pg_catalog.*) COALESCE((p_params OPERATOR(pg_catalog.->>) 'band')::integer, 10), 1, 1)
    -- shift: a keyed offset in [-max_days, max_days] other than 0 (OPERATOR() chains
    -- associate left whatever the operator, hence every parenthesis)
    WHEN COALESCE(p_params OPERATOR(pg_catalog.->>) 'mode', 'year') = 'shift' THEN
        p_value OPERATOR(pg_catalog.+) (
            (((anon.pseudo_int(anon.keyed_hash(p_domain, p_value::text)) OPERATOR(pg_catalog.%) (2 OPERATOR(pg_catalog.*) GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'max_days')::integer, 30), 1)))
              OPERATOR(pg_catalog.+) (GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'max_days')::integer, 30), 1) OPERATOR(pg_catalog.+) 1))
             OPERATOR(pg_catalog.%) ((2 OPERATOR(pg_catalog.*) GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'max_days')::integer, 30), 1)) OPERATOR(pg_catalog.+) 1))
            OPERATOR(pg_catalog.-) GREATEST(COALESCE((p_params OPERATOR(pg_catalog.->>) 'max_days')::integer, 30), 1))::integer
    -- year: the day moved on by a keyed 1..364 days, around the first 365 days of its year
    ELSE pg_catalog.make_date(pg_catalog.extract('year', p_value)::integer, 1, 1)
         OPERATOR(pg_catalog.+) ((((p_value OPERATOR(pg_catalog.-) pg_catalog.make_date(pg_catalog.extract('year', p_value)::integer, 1, 1)) OPERATOR(pg_catalog.+) 1)
                                  OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, p_value::text)) OPERATOR(pg_catalog.%) 364))
                                 OPERATOR(pg_catalog.%) 365)::integer
END;
COMMENT ON FUNCTION anon.mask_birth_date(date, jsonb, text) IS
    'pgscrub: date of birth moved to a keyed day of its year, shifted, or generalised to a band (params: mode, max_days, band)';
