-- How a column's type is checked: 'text' (string types: whole values and the PII tokens
-- in them), 'json' (json, jsonb: each scalar leaf like a whole value), 'document' (every
-- other type whose text form can hold a string: xml, arrays, composite types, ranges,
-- hstore, tsvector, ...: PII tokens in their text form), 'other' (numbers, dates and
-- times, booleans, network addresses, geometry, bit strings, enums, uuid, bytea, oids:
-- they cannot hold the identifiers validation looks for, or not as text; checked only
-- where a masking rule applies). What is left out is a short list, not what is let in:
-- an extension's type holding text (hstore) must not pass unread. Domains are looked
-- through; an array or a range is its element's class.
CREATE OR REPLACE FUNCTION anon.validate_type_class(p_type oid)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    WITH RECURSIVE chain(oid, typtype, typbasetype, typelem, typcategory, depth) AS (
        SELECT t.oid, t.typtype, t.typbasetype, t.typelem, t.typcategory, 0
          FROM pg_catalog.pg_type t WHERE t.oid = p_type
        UNION ALL
        SELECT t.oid, t.typtype, t.typbasetype, t.typelem, t.typcategory, c.depth + 1
          FROM chain c JOIN pg_catalog.pg_type t ON t.oid = c.typbasetype
         WHERE c.typtype = 'd'
    )
    SELECT CASE
        WHEN b.oid IN ('pg_catalog.json'::pg_catalog.regtype, 'pg_catalog.jsonb'::pg_catalog.regtype) THEN 'json'
        WHEN b.oid = 'pg_catalog.xml'::pg_catalog.regtype THEN 'document'
        WHEN b.typcategory = 'S' THEN 'text'
        WHEN b.typcategory = 'A' THEN CASE WHEN anon.validate_type_class(b.typelem) = 'other' THEN 'other' ELSE 'document' END
        WHEN b.typcategory = 'R' THEN
            CASE WHEN anon.validate_type_class((SELECT r.rngsubtype FROM pg_catalog.pg_range r
                                                 WHERE b.oid IN (r.rngtypid, r.rngmultitypid))) = 'other'
                 THEN 'other' ELSE 'document' END
        WHEN b.typcategory IN ('N', 'D', 'B', 'T', 'I', 'G', 'V', 'E', 'P')
          OR b.oid IN ('pg_catalog.uuid'::pg_catalog.regtype, 'pg_catalog.bytea'::pg_catalog.regtype,
                       'pg_catalog.tid'::pg_catalog.regtype, 'pg_catalog.xid'::pg_catalog.regtype,
                       'pg_catalog.xid8'::pg_catalog.regtype, 'pg_catalog.cid'::pg_catalog.regtype,
                       'pg_catalog.pg_lsn'::pg_catalog.regtype, 'pg_catalog.txid_snapshot'::pg_catalog.regtype,
                       'pg_catalog.pg_snapshot'::pg_catalog.regtype, 'pg_catalog.tsquery'::pg_catalog.regtype) THEN 'other'
        ELSE 'document'
    END
      FROM chain b
     ORDER BY b.depth DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION anon.validate_type_class(oid) IS
    'pgscrub: text | json | document | other: how validation checks values of this type';
