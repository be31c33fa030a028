-- After masking: every foreign key with a masked column still holds. Its triggers did
-- not fire while masking (both sides were masked on their own by the same rule, see
-- anon.plan_check_foreign_keys), so this is the proof, with the key's own equality
-- operators. Raises naming the constraint (never the values). Returns the keys checked.
CREATE OR REPLACE FUNCTION anon.run_check_foreign_keys(p_run_id bigint)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_key record;
    v_broken boolean;
    v_checked integer := 0;
BEGIN
    PERFORM pg_catalog.set_config('row_security', 'off', true);
    FOR v_key IN
        SELECT con.conname, con.conrelid::pg_catalog.regclass AS child, con.confrelid::pg_catalog.regclass AS parent,
               pg_catalog.string_agg(pg_catalog.format('c.%I IS NOT NULL', ca.attname), ' AND ') AS not_null,
               pg_catalog.string_agg(pg_catalog.format('p.%I OPERATOR(%I.%s) c.%I', pa.attname, opn.nspname,
                                                       op.oprname, ca.attname), ' AND ') AS matches
          FROM pg_catalog.pg_constraint con
         CROSS JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey), pg_catalog.unnest(con.confkey),
                                       pg_catalog.unnest(con.conpfeqop)) AS k(child_attnum, parent_attnum, eqop)
          JOIN pg_catalog.pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = k.child_attnum
          JOIN pg_catalog.pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = k.parent_attnum
          JOIN pg_catalog.pg_operator op ON op.oid = k.eqop
          JOIN pg_catalog.pg_namespace opn ON opn.oid = op.oprnamespace
         WHERE con.contype = 'f' AND con.conparentid = 0
         GROUP BY con.oid, con.conname, con.conrelid, con.confrelid
        HAVING pg_catalog.bool_or(EXISTS (
                   SELECT FROM anon.run_tables t
                    WHERE t.run_id = p_run_id
                      AND ((t.relid IN (SELECT l.relid FROM anon.plan_leaves(con.conrelid) l(relid))
                            AND ca.attname = ANY (t.columns))
                        OR (t.relid IN (SELECT l.relid FROM anon.plan_leaves(con.confrelid) l(relid))
                            AND pa.attname = ANY (t.columns)))))
         ORDER BY con.conname
    LOOP
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT FROM %s c WHERE %s AND NOT EXISTS (SELECT FROM %s p WHERE %s))',
                                  v_key.child, v_key.not_null, v_key.parent, v_key.matches)
           INTO v_broken;
        IF v_broken THEN
            RAISE EXCEPTION 'after masking, foreign key % of % has rows without a match in %',
                pg_catalog.quote_ident(v_key.conname), v_key.child, v_key.parent
                USING ERRCODE = 'foreign_key_violation',
                      HINT = 'the two sides of the key must be masked by the same deterministic rule; '
                          || 'restore the database, fix the rules and run again';
        END IF;
        v_checked := v_checked + 1;
    END LOOP;
    RETURN v_checked;
END
$$;
COMMENT ON FUNCTION anon.run_check_foreign_keys(bigint) IS
    'pgscrub: verify the foreign keys involving masked columns after a run; raises naming a broken one';
