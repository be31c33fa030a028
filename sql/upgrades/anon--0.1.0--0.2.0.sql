-- pgscrub 0.1.0 -> 0.2.0: table changes only. Functions, procedures, views and event
-- triggers are re-created from the 0.2.0 sources by `pgscrub upgrade` after this runs,
-- so only a routine that is removed or changes its signature or return type needs a
-- DROP here. Keep table changes in the same order as the 0.2.0 table files, so that
-- an upgraded schema dumps exactly like a fresh install (tests/test_installer.py).

-- tables/findings.sql: where in the value the PII was found
ALTER TABLE anon.findings
    ADD COLUMN found_in text NOT NULL DEFAULT 'value'
        CHECK (found_in IN ('value', 'text', 'json', 'array', 'xml', 'name'));
