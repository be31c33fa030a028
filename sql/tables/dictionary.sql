-- Fake values generated with Faker at install (seeded): names, streets, cities,
-- companies. Maskers pick a position by keyed hash; the name detector reads the names.
CREATE TABLE anon.dictionary (
    kind      text    NOT NULL,
    position  integer NOT NULL CHECK (position >= 0),
    value     text    NOT NULL,
    locale    text    NOT NULL,
    PRIMARY KEY (kind, position)
);
COMMENT ON TABLE anon.dictionary IS 'pgscrub: fake-value dictionaries (positions dense from 0 per kind), reloaded by install/upgrade';
