-- Is the whole value a street address? A house number plus a street-type word, in
-- English, German, French, Spanish, Portuguese, Italian, Dutch, Nordic, Czech and Polish
-- ("221B Baker Street", "Obere Str. 57", "1498 rue Bélanger", "Theodor-Heuss-Straße 34",
-- "Ullevålsveien 14", "Avda. de la Constitución 2222"), or a post-office box.
-- Short values only (a sentence mentioning "St. Andrews" is free text, not an address).
-- Inlinable: length and house-number prefilters, then one expression on the lower-cased value
-- (case-insensitive matching of long alternations is much slower, and so are bounded
-- repetitions such as {0,6}: the length limit bounds the value instead).
CREATE OR REPLACE FUNCTION anon.is_address(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) BETWEEN 5 AND 120
   -- a house number starts or ends it: cheap anchored tests before the street words
   AND p_value OPERATOR(pg_catalog.~) '^\s*[0-9]|[0-9][A-Za-z]?\.?\s*$'
   AND pg_catalog.lower(p_value) OPERATOR(pg_catalog.~) (
        -- house number first, a street word later: 47 MySakila Drive, 2, rue du Commerce
        '^\s*[0-9]+[a-z]?(-[0-9]+)?[ ,-]+([^ ]+ +)*'
        || '(street|st|str|avenue|ave|av|avda|road|rd|boulevard|blvd|bd|bvd|lane|ln|drive|dr|court|ct|place|pl'
        || '|square|sq|terrace|ter|way|parkway|pkwy|highway|hwy|circle|cir|crescent|cres|close|alley|manor|loop'
        || '|pass|trail|trl|row|mews|grove|gardens|hill|heights|walk|plaza|pike|path|point|ridge'
        || '|strasse|straße|weg|gasse|allee|platz|ring|damm|ufer|rue|chemin|allée|impasse|quai|cours|route'
        || '|calle|avenida|paseo|camino|ronda|rua|travessa|praça|estrada|largo|alameda|rodovia'
        || '|via|viale|piazza|corso|vicolo|straat|laan|plein|gracht|kade|singel|gata|gatan|gade|vej|veien|vegen|gate|vägen|katu|tie)'
        || '\M'
        -- a street word first, the number within a few words: Obere Str. 57, Rua do Paço, 67
        || '|(^|\s)(street|str|avenue|ave|av|avda|road|boulevard|blvd|rue|chemin|allée|impasse|quai|route'
        || '|calle|c/|avenida|paseo|plaza|camino|rua|travessa|praça|estrada|largo|alameda|rodovia'
        || '|via|viale|piazza|corso|vicolo|ul|ulica|ulice|aleja|al|plac|náměstí|nám|třída)\.?,?\s+([^0-9\s]+\s+)*[0-9]+[a-z]?(\s|,|$)'
        -- compound street names: Theodor-Heuss-Straße 34, Grétrystraat 63, Luisenstr. 48
        || '|\S(straße|strasse|str\.|straat|weg|veien|vegen|gate|gata|gatan|gade|vej|laan|plein|gracht|allee'
        || '|gasse|platz|ring|damm|ufer|katu|tie|vägen)\s*,?\s*[0-9]+[a-z]?(\s|,|$)'
        -- post-office boxes
        || '|(p\.?\s*o\.?\s*box|postfach|apartado|caixa postal|bo[iî]te postale)\s*[0-9]+');
COMMENT ON FUNCTION anon.is_address(text) IS
    'pgscrub: true when the whole value looks like a street address (house number and street word, many languages)';
