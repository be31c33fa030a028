-- requires: keyed_hash.sql, pseudo_int.sql
-- A keyed permutation of digit strings of one length (format-preserving encryption by a
-- 4-round Feistel network over the two halves, each round a keyed HMAC): distinct inputs
-- give distinct outputs, which UNIQUE columns need (params.injective). Irreversible
-- without the secret. PL/pgSQL because each round reuses the previous one's halves;
-- costs four HMACs (about 4x the keyed maskers), so only UNIQUE columns use it.
CREATE OR REPLACE FUNCTION anon.pseudo_permute(p_domain text, p_digits text)
RETURNS text
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_length int := pg_catalog.length(p_digits);
    v_left_size int := v_length / 2;
    v_right_size int := v_length - v_left_size;
    v_left numeric;
    v_right numeric;
    v_round int;
BEGIN
    IF p_digits IS NULL OR v_length = 0 THEN
        RETURN p_digits;
    END IF;
    IF v_length > 36 OR p_digits !~ '^[0-9]+$' THEN
        RAISE EXCEPTION 'anon.pseudo_permute: expected up to 36 digits, got % characters', v_length
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'the injective option applies to identifiers of at most 36 digits';
    END IF;
    v_left := COALESCE(NULLIF(pg_catalog.left(p_digits, v_left_size), '')::numeric, 0);
    v_right := pg_catalog.right(p_digits, v_right_size)::numeric;
    FOR v_round IN 1..4 LOOP
        IF v_round % 2 = 1 THEN
            v_right := (v_right + anon.pseudo_int(anon.keyed_hash(
                           pg_catalog.format('%s:permute:%s:%s', p_domain, v_length, v_round), v_left::text)))
                       % (10::numeric ^ v_right_size);
        ELSIF v_left_size > 0 THEN
            v_left := (v_left + anon.pseudo_int(anon.keyed_hash(
                          pg_catalog.format('%s:permute:%s:%s', p_domain, v_length, v_round), v_right::text)))
                      % (10::numeric ^ v_left_size);
        END IF;
    END LOOP;
    RETURN CASE WHEN v_left_size > 0 THEN pg_catalog.lpad(pg_catalog.trunc(v_left)::text, v_left_size, '0') ELSE '' END
        || pg_catalog.lpad(pg_catalog.trunc(v_right)::text, v_right_size, '0');
END
$$;
COMMENT ON FUNCTION anon.pseudo_permute(text, text) IS
    'pgscrub: keyed permutation of digit strings (4-round Feistel, HMAC rounds): injective, irreversible without the secret';
