-- Step 2: turn the scan's HIGH and MEDIUM findings into proposed rules (origin
-- 'proposed', not reviewed). Never touches a reviewed rule, nor a manual or imported one:
-- an explicit keep is a rule too, so it is not proposed again.
--   whole values (found_in value/array/name): the strategy of the most sensitive, most
--     confident detector (anon.rule_default_strategy);
--   free text and XML: redact;
--   JSON: strategy json for the column (PII-named keys) and one rule per path found;
--   UNIQUE columns: an injective variant (injective: true, or pseudonym/hash);
--   foreign keys: every column joined to a ruled column gets the same rule (strategy,
--     params, domain), following chains and composite keys; a reviewed rule in the
--     group wins, then the rule of a UNIQUE (referenced) column;
--   domains: when one rule of a domain is injective, all of them are (same value, same
--     fake);
--   partition key columns: keep (anon.rule_partition_key).
-- Returns how many rules it inserted or changed.
CREATE OR REPLACE FUNCTION anon.propose_rules()
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_count integer;
    v_anchor record;
BEGIN
    IF pg_catalog.to_regclass('pg_temp.anon_proposals') IS NOT NULL THEN
        DROP TABLE pg_temp.anon_proposals;
    END IF;
    CREATE TEMP TABLE anon_proposals (
        schema_name name, table_name name, column_name name, json_path text, strategy text, params jsonb,
        sensitivity text, domain text, note text, is_unique boolean NOT NULL DEFAULT false,
        PRIMARY KEY (schema_name, table_name, column_name, json_path)) ON COMMIT DROP;

    -- Whole values.
    INSERT INTO pg_temp.anon_proposals (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, note)
    SELECT DISTINCT ON (f.schema_name, f.table_name, f.column_name)
           f.schema_name, f.table_name, f.column_name, '', anon.rule_default_strategy(f.detector), '{}', f.sensitivity,
           anon.rule_default_strategy(f.detector),
           pg_catalog.format('scan: %s in %s%% of %s samples%s', f.detector, pg_catalog.round(f.confidence * 100), f.sampled,
                             CASE WHEN f.found_in = 'name' THEN ' (column name only)' ELSE '' END)
      FROM anon.findings f
     WHERE f.sensitivity IN ('HIGH', 'MEDIUM') AND f.found_in IN ('value', 'array', 'name')
       AND f.column_type NOT IN ('json', 'jsonb')
     ORDER BY f.schema_name, f.table_name, f.column_name, f.found_in = 'name', f.sensitivity, f.confidence DESC, f.detector;

    -- Free text and XML.
    INSERT INTO pg_temp.anon_proposals (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, note)
    SELECT f.schema_name, f.table_name, f.column_name, '', 'redact', '{}', pg_catalog.min(f.sensitivity), 'redact',
           'scan: ' || pg_catalog.string_agg(pg_catalog.format('%s in %s%%', f.detector, pg_catalog.round(f.confidence * 100)), ', ' ORDER BY f.detector)
             || ' of the texts'
      FROM anon.findings f
     WHERE f.sensitivity IN ('HIGH', 'MEDIUM') AND f.found_in IN ('text', 'xml')
     GROUP BY f.schema_name, f.table_name, f.column_name
    ON CONFLICT DO NOTHING;

    -- JSON: the column, and each path the scan found.
    INSERT INTO pg_temp.anon_proposals (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, note)
    SELECT f.schema_name, f.table_name, f.column_name, '', 'json', '{}', pg_catalog.min(f.sensitivity), 'json',
           'scan: PII inside the documents'
      FROM anon.findings f
     WHERE f.sensitivity IN ('HIGH', 'MEDIUM') AND (f.found_in = 'json' OR f.column_type IN ('json', 'jsonb'))
     GROUP BY f.schema_name, f.table_name, f.column_name
    ON CONFLICT (schema_name, table_name, column_name, json_path) DO UPDATE SET strategy = 'json', domain = 'json';
    INSERT INTO pg_temp.anon_proposals (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, note)
    SELECT DISTINCT ON (f.schema_name, f.table_name, f.column_name, p.path)
           f.schema_name, f.table_name, f.column_name, p.path, anon.rule_default_strategy(f.detector), '{}', f.sensitivity,
           anon.rule_default_strategy(f.detector), pg_catalog.format('scan: %s at this path', f.detector)
      FROM anon.findings f CROSS JOIN LATERAL pg_catalog.unnest(f.json_paths) AS p(path)
     WHERE f.sensitivity IN ('HIGH', 'MEDIUM') AND f.found_in = 'json' AND p.path LIKE '$%'
     ORDER BY f.schema_name, f.table_name, f.column_name, p.path, f.sensitivity, f.confidence DESC
    ON CONFLICT DO NOTHING;

    -- A partition key column is kept: a masked key would belong in another partition.
    UPDATE pg_temp.anon_proposals p
       SET strategy = 'keep', params = '{}', domain = 'keep',
           note = p.note || pg_catalog.format('; kept: partition key of %s (masking would move rows between partitions)',
                                              anon.rule_partition_key(p.schema_name, p.table_name, p.column_name))
     WHERE p.json_path = '' AND anon.rule_partition_key(p.schema_name, p.table_name, p.column_name) IS NOT NULL;

    -- What the column accepts: NOT NULL strings and bytes get an empty constant instead
    -- of NULL; UNIQUE columns an injective strategy.
    UPDATE pg_temp.anon_proposals p
       SET strategy = 'constant', params = '{"value": ""}', domain = 'constant'
     WHERE p.strategy = 'null' AND p.json_path = ''
       AND (SELECT t.not_null AND t.category IN ('S', 'U') FROM anon.rule_column_type(p.schema_name, p.table_name, p.column_name) t);
    UPDATE pg_temp.anon_proposals p SET is_unique = true
     WHERE p.json_path = '' AND anon.rule_is_unique(p.schema_name, p.table_name, p.column_name);
    UPDATE pg_temp.anon_proposals p
       SET params = p.params || '{"injective": true}'
      FROM anon.rule_strategies() s
     WHERE p.is_unique AND s.strategy = p.strategy AND s.injective = 'option';
    UPDATE pg_temp.anon_proposals p
       SET strategy = CASE WHEN p.strategy IN ('first_name', 'last_name', 'person_name', 'address', 'city', 'company')
                           THEN 'pseudonym' ELSE 'hash' END,
           params = '{}',
           note = p.note || '; ' || p.strategy || ' would collide on this UNIQUE column'
      FROM anon.rule_strategies() s
     WHERE p.is_unique AND s.strategy = p.strategy AND s.injective = 'no' AND p.strategy NOT IN ('null', 'redact', 'json');
    -- A hash on varchar(n) shorter than 64: keep only n hex characters (at least 16).
    UPDATE pg_temp.anon_proposals p
       SET params = pg_catalog.jsonb_build_object('length', GREATEST(16, t.typmod - 4))
      FROM (SELECT q.schema_name, q.table_name, q.column_name, c.typmod, c.category
              FROM pg_temp.anon_proposals q, anon.rule_column_type(q.schema_name, q.table_name, q.column_name) AS c) AS t
     WHERE (t.schema_name, t.table_name, t.column_name) = (p.schema_name, p.table_name, p.column_name)
       AND p.strategy = 'hash' AND p.json_path = '' AND t.typmod BETWEEN 5 AND 67 AND t.category = 'S';
    UPDATE pg_temp.anon_proposals p SET domain = p.strategy WHERE p.domain IN ('first_name', 'last_name', 'person_name', 'address', 'city', 'company', 'iban', 'card_number', 'ip', 'birth_date', 'postal_code') AND p.strategy IN ('pseudonym', 'hash');

    -- Foreign keys: one rule per group of joined columns. The anchor is a reviewed rule of
    -- the group if any, else the proposal on a UNIQUE column, else the first proposal.
    FOR v_anchor IN
        SELECT DISTINCT ON (g.component) g.*
          FROM (SELECT c.key AS component, x.*
                  FROM (SELECT r.schema_name, r.table_name, r.column_name, r.strategy, r.params, r.domain, true AS reviewed, true AS is_unique
                          FROM anon.rules r WHERE r.reviewed AND r.json_path = '' AND r.strategy <> 'keep'
                        UNION ALL
                        SELECT p.schema_name, p.table_name, p.column_name, p.strategy, p.params, p.domain, false, p.is_unique
                          FROM pg_temp.anon_proposals p WHERE p.json_path = '') AS x
                 CROSS JOIN LATERAL (SELECT pg_catalog.string_agg(pg_catalog.format('%I.%I.%I', c.schema_name, c.table_name, c.column_name), ',')
                                              AS key, pg_catalog.count(*) AS size
                                       FROM anon.rule_fk_component(x.schema_name, x.table_name, x.column_name) c) AS c
                 WHERE c.size > 1) AS g
         ORDER BY g.component, g.reviewed DESC, g.is_unique DESC, g.schema_name, g.table_name, g.column_name
    LOOP
        INSERT INTO pg_temp.anon_proposals AS p (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, note)
        SELECT c.schema_name, c.table_name, c.column_name, '', v_anchor.strategy, v_anchor.params, 'HIGH',
               COALESCE(v_anchor.domain, v_anchor.strategy),
               pg_catalog.format('joined by a foreign key to %I.%I.%I', v_anchor.schema_name, v_anchor.table_name, v_anchor.column_name)
          FROM anon.rule_fk_component(v_anchor.schema_name, v_anchor.table_name, v_anchor.column_name) c
         WHERE (c.schema_name, c.table_name, c.column_name) <> (v_anchor.schema_name, v_anchor.table_name, v_anchor.column_name)
        ON CONFLICT (schema_name, table_name, column_name, json_path) DO UPDATE
           SET strategy = EXCLUDED.strategy, params = EXCLUDED.params, domain = EXCLUDED.domain,
               note = p.note || '; ' || EXCLUDED.note;
    END LOOP;

    -- Domains: one injective member makes them all injective.
    UPDATE pg_temp.anon_proposals p
       SET params = p.params || '{"injective": true}'
     WHERE NOT COALESCE((p.params ->> 'injective')::boolean, false)
       AND (EXISTS (SELECT FROM pg_temp.anon_proposals q
                     WHERE q.domain = p.domain AND q.strategy = p.strategy AND (q.params ->> 'injective')::boolean)
            OR EXISTS (SELECT FROM anon.rules r
                        WHERE COALESCE(r.domain, r.strategy) = p.domain AND r.strategy = p.strategy AND r.reviewed
                          AND (r.params ->> 'injective')::boolean));

    INSERT INTO anon.rules AS r (schema_name, table_name, column_name, json_path, strategy, params, sensitivity, domain, origin, note)
    SELECT p.schema_name, p.table_name, p.column_name, p.json_path, p.strategy, p.params, p.sensitivity, p.domain, 'proposed', p.note
      FROM pg_temp.anon_proposals p
     ORDER BY p.schema_name, p.table_name, p.column_name, p.json_path
    ON CONFLICT (schema_name, table_name, column_name, json_path) DO UPDATE
       SET strategy = EXCLUDED.strategy, params = EXCLUDED.params, sensitivity = EXCLUDED.sensitivity,
           domain = EXCLUDED.domain, note = EXCLUDED.note
     WHERE r.origin = 'proposed' AND NOT r.reviewed
       AND (r.strategy, r.params, r.sensitivity, r.domain)
           IS DISTINCT FROM (EXCLUDED.strategy, EXCLUDED.params, EXCLUDED.sensitivity, EXCLUDED.domain);
    GET DIAGNOSTICS v_count = ROW_COUNT;
    DROP TABLE pg_temp.anon_proposals;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.propose_rules() IS
    'pgscrub: HIGH/MEDIUM findings -> proposed rules (FK groups, UNIQUE and domains made consistent); never touches reviewed, manual or imported rules';
