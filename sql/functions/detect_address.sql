-- requires: address_words.sql, address_word.sql
-- Is the whole value a street address, or a full address that starts with one? The street
-- is the first comma-separated segment (what follows may be a postal code, a city and a
-- country: "Dřítenská 58, 311 53 Vejprty, Czechia"), recognised by its words
-- (anon.address_words) and where its house number stands:
--   * a house number first, then an English street type at the end, maybe followed by a
--     direction or an apartment ("8537 Smith Ways Apt. 297", "8210 111 ST NW"), or a street
--     prefix ("1498 rue Bélanger", "2, rue du Commerce"), or a US grid address ("302 S 700 E");
--   * an apartment first ("Flat 04 Henry Landing", "Studio 61v Jay Spur");
--   * a street prefix first and a house number after the name ("Via Roma 12", "Strada
--     Giorgia, 7", "Calle 52 #65-98"), or no number after the clearest prefixes
--     ("Viela Castro", "boulevard Lecoq, 87750 Sainte Laetitia");
--   * a street ending just before the house number, as a word or as the end of a compound
--     ("Berliner Platz 43", "Helen-Wernecke-Allee 62-28", "Larabaan 985", "Pohnertova 642"),
--     or letters only Czech and Slovak use ("Josefa Šimůnka 38");
--   * a Czech, Slovak or German place preposition ("Nad Návsí 100", "Am Markt 5");
--   * a post-office box or US military mail ("P.O. Box 78934", "PSC 6676, Box 6506, APO AP 16007").
-- Hot path (anon.value_kinds, so validation, calls it per value): an inlinable body of
-- string functions and hashed lookups in constant word lists; a regular expression over
-- this vocabulary would cost 5-40 µs per value (docs/scan.md, "Measured").
CREATE OR REPLACE FUNCTION anon.is_address(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN COALESCE(pg_catalog.length(p_value) BETWEEN 5 AND 160
    -- words, and a street that is not a sentence: cheap tests that most other values fail
    AND pg_catalog.strpos(p_value, ' ') OPERATOR(pg_catalog.>) 0
    AND pg_catalog.length(pg_catalog.split_part(p_value, ',', 1)) OPERATOR(pg_catalog.<=) 64 AND (
    CASE
    -- a house number first
    WHEN pg_catalog.ascii(p_value) BETWEEN 48 AND 57 THEN
         anon.address_word(p_value, -1) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type'))
         AND anon.address_word(p_value, 2) OPERATOR(pg_catalog.<>) ''
      OR anon.address_word(p_value, -2) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type'))
         AND (anon.address_word(p_value, -1) OPERATOR(pg_catalog.=) ANY (anon.address_words('direction'))
              OR pg_catalog.left(anon.address_word(p_value, -1), 1) OPERATOR(pg_catalog.=) '#')
      OR anon.address_word(p_value, -3) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type'))
         AND anon.address_word(p_value, -2) OPERATOR(pg_catalog.=) ANY (anon.address_words('unit'))
      OR anon.address_word(p_value, 2) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_prefix'))
      OR anon.address_word(p_value, 2) OPERATOR(pg_catalog.=) ANY (anon.address_words('direction'))
         AND pg_catalog.ascii(anon.address_word(p_value, 3)) BETWEEN 48 AND 57
      -- a bare house number before the first comma: 2, rue du Commerce / 12,Community Centre
      OR anon.address_word(p_value, 2) OPERATOR(pg_catalog.=) ''
         AND (anon.address_word(pg_catalog.ltrim(pg_catalog.split_part(p_value, ',', 2)), 1)
                  OPERATOR(pg_catalog.=) ANY (anon.address_words('street_prefix'))
              OR anon.address_word(pg_catalog.ltrim(pg_catalog.split_part(p_value, ',', 2)), -1)
                  OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type')))
    -- one look-up for every word that can start an address: a street prefix, an apartment,
    -- a preposition, a PO box
    WHEN anon.address_word(p_value, 1) OPERATOR(pg_catalog.=) ANY (
             anon.address_words('street_prefix') OPERATOR(pg_catalog.||) anon.address_words('unit_first')
             OPERATOR(pg_catalog.||) anon.address_words('place_preposition')
             OPERATOR(pg_catalog.||) anon.address_words('po_box')) THEN
         CASE
         WHEN anon.address_word(p_value, 1) OPERATOR(pg_catalog.=) ANY (anon.address_words('unit_first')) THEN
              pg_catalog.ascii(anon.address_word(p_value, 2)) BETWEEN 48 AND 57
              AND (anon.address_word(p_value, -1) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type'))
                   OR anon.address_word(pg_catalog.ltrim(pg_catalog.split_part(p_value, ',', 2)), -1)
                       OPERATOR(pg_catalog.=) ANY (anon.address_words('street_type'))
                   OR anon.address_word(p_value, 3) OPERATOR(pg_catalog.=) ANY (anon.address_words('po_box')))
         WHEN anon.address_word(p_value, 1) OPERATOR(pg_catalog.=) ANY (anon.address_words('po_box')) THEN
              pg_catalog.ascii(pg_catalog.split_part(p_value, ' ', -1)) BETWEEN 48 AND 57
         WHEN anon.address_word(p_value, 1) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_prefix')) THEN
              anon.address_word(p_value, 2) OPERATOR(pg_catalog.<>) ''
              AND (-- the house number after the name, or right after the prefix (Calle 52)
                   pg_catalog.ascii(anon.address_word(p_value, -1)) BETWEEN 48 AND 57
                OR pg_catalog.ascii(anon.address_word(p_value, 2)) BETWEEN 48 AND 57
                OR pg_catalog.ascii(pg_catalog.ltrim(pg_catalog.split_part(p_value, ',', 2))) BETWEEN 48 AND 57
                OR pg_catalog.upper(pg_catalog.btrim(pg_catalog.split_part(p_value, ',', 2))) OPERATOR(pg_catalog.=) 'S/N'
                -- no number: the clearest prefixes and a short name (Viela Castro)
                OR anon.address_word(p_value, 1) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_start'))
                   AND pg_catalog.length(pg_catalog.split_part(p_value, ',', 1)) OPERATOR(pg_catalog.<=) 48)
         ELSE -- a place preposition, a name, a house number: Nad Návsí 100
              pg_catalog.ascii(anon.address_word(p_value, -1)) BETWEEN 48 AND 57
              AND anon.address_word(p_value, 3) OPERATOR(pg_catalog.<>) ''
         END
    ELSE false
    END
    -- a street ending just before the house number, as a word after the name (Berliner Platz 43,
    -- not Gate 5) or the end of a compound after a stem of 3 letters, 2 before a long ending
    -- (Larabaan 985, Ektorget 25, not Spring 2021)
    OR pg_catalog.ascii(anon.address_word(p_value, -1)) BETWEEN 48 AND 57
       AND (anon.address_word(p_value, -2) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
            AND anon.address_word(p_value, -3) OPERATOR(pg_catalog.<>) ''
            OR pg_catalog.right(anon.address_word(p_value, -2), 2) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 5
            OR pg_catalog.right(anon.address_word(p_value, -2), 3) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 6
            OR pg_catalog.right(anon.address_word(p_value, -2), 4) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 7
            OR pg_catalog.right(anon.address_word(p_value, -2), 5) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 7
            OR pg_catalog.right(anon.address_word(p_value, -2), 6) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 8
            OR pg_catalog.right(anon.address_word(p_value, -2), 7) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 9
            OR pg_catalog.right(anon.address_word(p_value, -2), 8) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 10
            OR pg_catalog.right(anon.address_word(p_value, -2), 9) OPERATOR(pg_catalog.=) ANY (anon.address_words('street_ending'))
               AND pg_catalog.length(anon.address_word(p_value, -2)) OPERATOR(pg_catalog.>=) 11
            -- letters only Czech and Slovak use: Josefa Šimůnka 38, Staňkovka 12
            OR pg_catalog.split_part(p_value, ',', 1) OPERATOR(pg_catalog.~) '[ěřůťďňčšžýľĺŕôĚŘŮŤĎŇČŠŽÝĽĹŔ]')
), false);
COMMENT ON FUNCTION anon.is_address(text) IS
    'pgscrub: true when the value is a street address or a full address starting with one (many languages)';
