-- Column-name hints shared by the scan and `pgscrub lint` (one source: sql/data/column_hints.json).
-- A hint never decides alone: the scan weighs it with what the sampled values hold.
CREATE TABLE anon.column_hints (
    pattern      text NOT NULL PRIMARY KEY,   -- a POSIX regular expression, matched case-insensitively
    kind         text NOT NULL,               -- the PII kind the name suggests (email, phone, ...)
    sensitivity  text NOT NULL CHECK (sensitivity IN ('HIGH', 'MEDIUM', 'LOW')),
    note         text
);
COMMENT ON TABLE anon.column_hints IS 'pgscrub: column-name patterns that suggest PII, reloaded by install/upgrade';
