-- The masking rule catalog: one row per column (and JSON path where needed).
-- strategy 'keep' records an explicit "not PII" decision so it is not proposed again.
CREATE TABLE anon.rules (
    rule_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schema_name  name    NOT NULL,
    table_name   name    NOT NULL,
    column_name  name    NOT NULL,
    json_path    text    NOT NULL DEFAULT '',      -- '' for the whole column
    strategy     text    NOT NULL,
    params       jsonb   NOT NULL DEFAULT '{}'::jsonb CHECK (pg_catalog.jsonb_typeof(params) = 'object'),
    sensitivity  text    NOT NULL DEFAULT 'HIGH' CHECK (sensitivity IN ('HIGH', 'MEDIUM', 'LOW')),
    domain       text,                              -- consistency domain: same input, same output across columns
    origin       text    NOT NULL DEFAULT 'manual' CHECK (origin IN ('proposed', 'manual', 'imported')),
    reviewed     boolean NOT NULL DEFAULT false,
    reviewed_by  name,
    reviewed_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by   name        NOT NULL DEFAULT CURRENT_USER,
    note         text,
    UNIQUE (schema_name, table_name, column_name, json_path)
);
COMMENT ON TABLE anon.rules IS 'pgscrub: masking rules, one per column and JSON path; strategy keep = reviewed as not PII';
