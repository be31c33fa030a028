-- Is the whole value a phone number? E.164 (+4420794609 58), international with
-- separators (+55 (12) 3923-5555), North American ((555) 010-4477, 555.010.4477) and
-- European national formats (030-0074321, 0921-12 34 67, (171) 555-7788).
-- Rejected: bare digit strings (ids; the scan accepts them when the column name says
-- phone), dates, times, amounts, ZIP+4 and CEP codes, IPv4 addresses.
-- Inlinable; an anchored character-class test rejects anything with other characters
-- first (cheaper than translate(), which allocates).
CREATE OR REPLACE FUNCTION anon.is_phone(p_value text)
RETURNS boolean
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN pg_catalog.length(p_value) BETWEEN 7 AND 32
   AND p_value OPERATOR(pg_catalog.~) '^[\s0-9+().\-/]+$'
   AND pg_catalog.length(pg_catalog.translate(p_value, '+-.() /', '')) BETWEEN 7 AND 15
   -- one shape per family; no nested bounded repetitions (they make PostgreSQL's
   -- regular expressions slow), the digit count above bounds the length instead
   AND p_value OPERATOR(pg_catalog.~) (
        '^\s*('
        -- international: +CC then digits and separators (+55 (12) 3923-5555)
        || '\+[1-9][0-9 ().-]*[0-9]'
        -- North American: optional 1, area code, exchange, line
        || '|(1[ .-]?)?(\([2-9][0-9][0-9]\)|[2-9][0-9][0-9])[ .-]?[0-9][0-9][0-9][ .-][0-9][0-9][0-9][0-9]'
        -- (area) number, as in old UK/Mexican/Japanese listings
        || '|\(0?[0-9]+\)[ .-]?[0-9][0-9 .-]*[0-9]'
        -- national trunk prefix 0 and groups with separators
        || '|0[0-9]+[ ./-][0-9][0-9 ./-]*[0-9]'
        || ')\s*$')
   AND p_value OPERATOR(pg_catalog.!~) (
        '^\s*([0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}'       -- ISO date
        || '|[0-9]{1,2}[-./][0-9]{1,2}[-./][0-9]{2,4}'       -- national date
        || '|[0-9]{1,2}:[0-9]{2}'                             -- time
        || '|[0-9]{5}-[0-9]{3,4}'                             -- ZIP+4, Brazilian CEP
        || '|[0-9]{3}-[0-9]{2}-[0-9]{4}'                      -- US SSN
        || '|[0-9]{1,3}(\.[0-9]{1,3}){3}'                    -- IPv4
        || '|[1-9][0-9]{0,2}([ ,.][0-9]{3})+([.,][0-9]{1,2})?'  -- amounts with thousands separators
        || ')\s*$');
COMMENT ON FUNCTION anon.is_phone(text) IS
    'pgscrub: true when the whole value is a phone number (E.164, North American or European national format)';
