-- The hash of one masked value bound to its row key, as SQL text, for the reload samples:
-- anon.run_record_samples takes them and anon.run_masked_data_present looks for them, so
-- both must build the very same bytes. Hex of unkeyed SHA-256 (masked values are not PII);
-- NULL for a NULL value. p_key_sql and p_value_sql are SQL expressions over alias t.
CREATE OR REPLACE FUNCTION anon.run_sample_hash_sql(p_key_sql text, p_value_sql text)
RETURNS text
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT pg_catalog.format(
        'pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(%s || E''\x1f'' || %s, ''UTF8'')), ''hex'')',
        p_key_sql, p_value_sql)
$$;
COMMENT ON FUNCTION anon.run_sample_hash_sql(text, text) IS
    'pgscrub: SQL hashing a masked value bound to its row key, shared by the reload sample and its check';
