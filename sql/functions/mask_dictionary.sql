-- requires: keyed_hash.sql, pseudo_int.sql, dict_pick.sql, dict_index.sql, detect_fold.sql
-- Names, addresses, cities, companies: an entry of the packed Faker dictionary of that
-- kind, chosen by the keyed hash of the value (trimmed, lower-cased: the same person gets
-- the same fake in every table). An all-capitals value gets an all-capitals fake.
-- Never the input itself: when the input (folded: case and accents ignored) is entry m of
-- the dictionary, the pick is m + 1 + (hash mod (size - 1)), which skips m and is still
-- uniform over the others; the hash is referenced once. (OPERATOR() forms all have the
-- same precedence: the parentheses matter.)
-- Kinds: first_name, last_name, person_name ("First Last"), address, city, company.
CREATE OR REPLACE FUNCTION anon.mask_dictionary(p_value text, p_kind text, p_domain text)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL OR p_value = '' THEN p_value
    WHEN p_value = pg_catalog.upper(p_value) AND p_value <> pg_catalog.lower(p_value) THEN
        pg_catalog.upper(anon.dict_pick(p_kind,
            COALESCE((anon.dict_index(p_kind) OPERATOR(pg_catalog.->) anon.fold(pg_catalog.btrim(p_value)))::bigint, -1)
            OPERATOR(pg_catalog.+) 1
            OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.lower(pg_catalog.btrim(p_value))))
                OPERATOR(pg_catalog.%) GREATEST((anon.dict_shape(p_kind))[2] OPERATOR(pg_catalog.-) 1, 1))))
    ELSE anon.dict_pick(p_kind,
            COALESCE((anon.dict_index(p_kind) OPERATOR(pg_catalog.->) anon.fold(pg_catalog.btrim(p_value)))::bigint, -1)
            OPERATOR(pg_catalog.+) 1
            OPERATOR(pg_catalog.+) (anon.pseudo_int(anon.keyed_hash(p_domain, pg_catalog.lower(pg_catalog.btrim(p_value))))
                OPERATOR(pg_catalog.%) GREATEST((anon.dict_shape(p_kind))[2] OPERATOR(pg_catalog.-) 1, 1)))
END;
COMMENT ON FUNCTION anon.mask_dictionary(text, text, text) IS
    'pgscrub: a fake of the kind (first_name, last_name, person_name, address, city, company) picked by keyed hash, never the input';
