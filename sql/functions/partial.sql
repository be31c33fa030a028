-- A partially masked example of a value, for findings and reports: enough to recognise
-- the kind of data (j***@gmail.com, +44 ** **** **58, **** **** **** 1111, J*** D***),
-- never the value itself: at most the first character of each name part, the email
-- domain, the last two digits of numbers (last four of cards, as PCI DSS allows), the
-- century of a date.
CREATE OR REPLACE FUNCTION anon.partial(p_value text, p_kind text)
RETURNS text
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE
    WHEN p_value IS NULL THEN NULL
    WHEN p_kind OPERATOR(pg_catalog.=) 'email' AND pg_catalog.strpos(p_value, '@') > 1
        THEN pg_catalog.left(pg_catalog.btrim(p_value), 1) OPERATOR(pg_catalog.||) '***'
             OPERATOR(pg_catalog.||) pg_catalog.substr(pg_catalog.btrim(p_value), pg_catalog.strpos(pg_catalog.btrim(p_value), '@'))
    WHEN p_kind IN ('phone', 'national_id', 'iban', 'card_number', 'bank_account')
         AND pg_catalog.length(p_value) > 6
        THEN pg_catalog.left(p_value, CASE WHEN p_kind OPERATOR(pg_catalog.=) 'iban' THEN 2 ELSE 0 END)
             OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(
                 pg_catalog.substr(p_value,
                     CASE WHEN p_kind OPERATOR(pg_catalog.=) 'iban' THEN 3 ELSE 1 END,
                     pg_catalog.length(p_value) - CASE p_kind WHEN 'iban' THEN 4 WHEN 'card_number' THEN 4 ELSE 2 END),
                 '[0-9A-Za-z]', '*', 'g')
             OPERATOR(pg_catalog.||) pg_catalog.right(p_value, CASE WHEN p_kind OPERATOR(pg_catalog.=) 'card_number' THEN 4 ELSE 2 END)
    WHEN p_kind OPERATOR(pg_catalog.=) 'ip_address'
        THEN pg_catalog.regexp_replace(p_value, '^([0-9A-Fa-f]+[.:]).*$', '\1***')
    WHEN p_kind OPERATOR(pg_catalog.=) 'birth_date'
        THEN pg_catalog.left(p_value, 2)
             OPERATOR(pg_catalog.||) pg_catalog.regexp_replace(pg_catalog.substr(p_value, 3, 8), '[0-9]', '*', 'g')
    -- photos: the scan passes the first bytes in hex; only the format is shown
    WHEN p_kind OPERATOR(pg_catalog.=) 'photo'
        THEN CASE WHEN p_value OPERATOR(pg_catalog.~) '^ffd8ff' THEN 'JPEG image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^89504e47' THEN 'PNG image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^47494638' THEN 'GIF image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^424d' THEN 'BMP image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^(49492a00|4d4d002a)' THEN 'TIFF image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^52494646' THEN 'WebP image'
                  WHEN p_value OPERATOR(pg_catalog.~) '^25504446' THEN 'PDF document'
                  WHEN p_value OPERATOR(pg_catalog.~) '^.{8}66747970' THEN 'HEIC/MP4 media'
                  ELSE 'binary data' END
    WHEN p_kind IN ('person_name', 'first_name', 'last_name', 'username', 'address', 'location')
        THEN pg_catalog.regexp_replace(pg_catalog.left(p_value, 80), '(\S)\S*', '\1***', 'g')
    ELSE pg_catalog.left(p_value, 1) OPERATOR(pg_catalog.||) '***'
END;
COMMENT ON FUNCTION anon.partial(text, text) IS
    'pgscrub: partially masked example of a value (j***@gmail.com), safe for findings and reports';
