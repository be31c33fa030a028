-- The columns of one table that a run masks, each with its masking expression.
-- A column takes the reviewed rules of the table itself, else those of its nearest
-- ancestor (partitioned parent or inheritance parent), matched by column name, since
-- the scan and the rules see a partitioned table through its parent. Generated columns
-- are never written: PostgreSQL recomputes them from the masked columns.
-- expression refers to the column by its quoted name, which works both in
-- UPDATE ... SET and in ALTER TABLE ... USING.
CREATE OR REPLACE FUNCTION anon.plan_columns(p_table regclass)
RETURNS TABLE (
    attnum       smallint,
    column_name  name,
    expression   text,
    rule_schema  name,       -- where the rules come from (the table or an ancestor)
    rule_table   name,
    rule_ids     bigint[],
    strategies   text[]
)
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
DECLARE
    v_column record;
    v_expression text;
BEGIN
    FOR v_column IN
        WITH RECURSIVE ancestry (relid, level) AS (
            SELECT p_table::oid, 0
            UNION ALL
            SELECT i.inhparent, a.level + 1
              FROM ancestry a JOIN pg_catalog.pg_inherits i ON i.inhrelid = a.relid
        ), ruled AS (
            SELECT att.attnum, att.attname, att.attgenerated, n.nspname, c.relname, a.level,
                   pg_catalog.array_agg(r.rule_id ORDER BY r.rule_id) AS rule_ids,
                   pg_catalog.array_agg(r.strategy ORDER BY r.rule_id) AS strategies
              FROM pg_catalog.pg_attribute att
              CROSS JOIN ancestry a
              JOIN pg_catalog.pg_class c ON c.oid = a.relid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN anon.rules r ON r.schema_name = n.nspname AND r.table_name = c.relname
                               AND r.column_name = att.attname AND r.reviewed
             WHERE att.attrelid = p_table AND att.attnum > 0 AND NOT att.attisdropped
             GROUP BY att.attnum, att.attname, att.attgenerated, n.nspname, c.relname, a.level
        )
        SELECT DISTINCT ON (ruled.attnum) ruled.*
          FROM ruled
         ORDER BY ruled.attnum, ruled.level, ruled.nspname, ruled.relname
    LOOP
        IF v_column.strategies <@ ARRAY['keep'] THEN
            CONTINUE;
        END IF;
        IF v_column.attgenerated <> '' THEN
            RAISE NOTICE 'pgscrub: %.%: generated column, not written (rule %); it is recomputed from the columns it uses',
                p_table, pg_catalog.quote_ident(v_column.attname), v_column.rule_ids[1];
            CONTINUE;
        END IF;
        v_expression := anon.column_expression(v_column.nspname, v_column.relname, v_column.attname,
                                               pg_catalog.quote_ident(v_column.attname));
        IF v_expression IS NULL THEN
            CONTINUE;
        END IF;
        attnum := v_column.attnum;
        column_name := v_column.attname;
        expression := v_expression;
        rule_schema := v_column.nspname;
        rule_table := v_column.relname;
        rule_ids := v_column.rule_ids;
        strategies := v_column.strategies;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION anon.plan_columns(regclass) IS
    'pgscrub: the columns of a table a run masks, with their masking expressions and the rules they come from';
