-- Raised by the generated dictionary functions for a kind they do not hold.
CREATE OR REPLACE FUNCTION anon.dict_unknown(p_kind text)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
BEGIN
    RAISE EXCEPTION 'no masking dictionary of kind %', p_kind
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'kinds: first_name, last_name, person_name, address, city, company';
END
$$;
COMMENT ON FUNCTION anon.dict_unknown(text) IS
    'pgscrub: error for a dictionary kind that does not exist';
