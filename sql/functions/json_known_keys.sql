-- requires: json_key_kind.sql
-- The key names of a JSON column, read from its first 1,000 documents, with the PII kind
-- each suggests (null: none), as a jsonb object for anon.mask_json's spec ("known_keys").
-- Why: testing a key against the hints' regular expression costs ~8 us (PostgreSQL builds
-- the DFA of a 1,700-character pattern at every call), a dozen keys per document made the
-- JSON masker ~200 us per document; a lookup in this object costs a fraction of a us.
-- Keys not in the object are still classified one by one, so a key first seen later is
-- masked all the same. Only snake_case names of at most 40 characters are kept: they go
-- into the masking SQL that the dry run prints, and a key that is itself data (an email,
-- a name used as a key) must not.
CREATE OR REPLACE FUNCTION anon.json_known_keys(p_table regclass, p_column name)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
DECLARE
    v_known jsonb;
BEGIN
    EXECUTE pg_catalog.format(
        'SELECT pg_catalog.jsonb_object_agg(k.key, anon.json_key_kind(k.key)) '
        '  FROM (SELECT DISTINCT j OPERATOR(pg_catalog.#>>) ''{}'' AS key '
        '          FROM (SELECT t.%1$I::pg_catalog.jsonb AS doc FROM ONLY %2$s AS t '
        '                 WHERE t.%1$I IS NOT NULL LIMIT 1000) AS d '
        '         CROSS JOIN LATERAL pg_catalog.jsonb_path_query(d.doc, '
        '               ''strict $.** ? (@.type() == "object").keyvalue().key'') AS j '
        '         LIMIT 200) AS k '
        ' WHERE k.key OPERATOR(pg_catalog.~) ''^[a-z][a-z0-9_]{0,39}$''',
        p_column, p_table)
    INTO v_known;
    RETURN COALESCE(v_known, '{}');
END
$$;
COMMENT ON FUNCTION anon.json_known_keys(regclass, name) IS
    'pgscrub: snake_case key names of a JSON column (first 1,000 documents) and the PII kind each suggests, for anon.mask_json';
