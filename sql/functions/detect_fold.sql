-- Case- and accent-folded form of a word or name, for dictionary lookups and name
-- fingerprints: 'KÖHLER', 'Köhler' and 'kohler' fold alike. Locale-independent on
-- purpose (lower() under the C collation folds ASCII only, hence the translate first).
-- Inlinable SQL-standard body: called on every sampled word and by validation per row.
CREATE OR REPLACE FUNCTION anon.fold(p_value text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    -- ASCII (as many bytes as characters): nothing to translate. translate() with this
    -- alphabet costs about 8 us for a 12-character name, lower() alone well under 1 us.
    WHEN pg_catalog.octet_length(p_value) OPERATOR(pg_catalog.=) pg_catalog.length(p_value)
        THEN pg_catalog.lower(p_value COLLATE pg_catalog."C")
    ELSE pg_catalog.lower(pg_catalog.translate(p_value,
    'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďĐđÈÉÊËèéêëĒēĖėĘęĚěĞğÌÍÎÏìíîïĪīĮįİıĶķĹĺĻļĽľŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŐőŔŕŘřŚśŞşŠšȘșŢţŤťȚțÙÚÛÜùúûüŪūŮůŰűŲųÝýÿŹźŻżŽž',
    'AAAAAAaaaaaaAaAaAaCcCcCcDdDdEEEEeeeeEeEeEeEeGgIIIIiiiiIiIiIiKkLlLlLlLlNnNnNnNnOOOOOOooooooOoOoRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuYyyZzZzZz')
    COLLATE pg_catalog."C")
END;
COMMENT ON FUNCTION anon.fold(text) IS
    'pgscrub: lower-case, accent-free form of a word (KÖHLER -> kohler), for name matching';
