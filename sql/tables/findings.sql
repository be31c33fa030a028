-- What the scan found: one row per column and detector. Examples are partially masked
-- (j***@gmail.com), never raw values. found_in: the whole value is PII ('value'), PII is
-- embedded in free text ('text'), inside JSON at json_paths ('json'), in array elements,
-- in XML text, or only the column name suggests it ('name').
CREATE TABLE anon.findings (
    schema_name  name        NOT NULL,
    table_name   name        NOT NULL,
    column_name  name        NOT NULL,
    detector     text        NOT NULL,            -- email, phone, person_name, iban, ...
    column_type  text        NOT NULL,
    sampled      integer     NOT NULL CHECK (sampled >= 0),
    matched      integer     NOT NULL CHECK (matched >= 0 AND matched <= sampled),
    confidence   numeric(5,4) NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    sensitivity  text        NOT NULL CHECK (sensitivity IN ('HIGH', 'MEDIUM', 'LOW')),
    json_paths   text[]      NOT NULL DEFAULT '{}',
    examples     text[]      NOT NULL DEFAULT '{}',
    scanned_at   timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    found_in     text        NOT NULL DEFAULT 'value'
                 CHECK (found_in IN ('value', 'text', 'json', 'array', 'xml', 'name')),
    PRIMARY KEY (schema_name, table_name, column_name, detector)
);
COMMENT ON TABLE anon.findings IS 'pgscrub: scan results per column and detector; confidence = matched/sampled';

-- Every column the scan has classified, PII or not: the incremental scan skips columns
-- whose type has not changed, and default-deny blocks columns missing from here.
CREATE TABLE anon.scanned_columns (
    schema_name    name        NOT NULL,
    table_name     name        NOT NULL,
    column_name    name        NOT NULL,
    column_type    text        NOT NULL,
    sensitivity    text        NOT NULL CHECK (sensitivity IN ('HIGH', 'MEDIUM', 'LOW')),
    skipped_reason text,                        -- set when the column could not be read
    classified_at  timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    note           text,                        -- what the reviewer should know (invalid UTF-8 in SQL_ASCII)
    PRIMARY KEY (schema_name, table_name, column_name)
);
COMMENT ON TABLE anon.scanned_columns IS 'pgscrub: every column the scan has classified, with its highest sensitivity';
