-- The strategy catalog: every masking strategy a rule may name, what it applies to, its
-- parameters (with types and defaults) and whether it keeps UNIQUE columns unique. The
-- proposal, column_expression, preflight_rules and `pgscrub rules import` all read it, so a
-- strategy exists in exactly one place. docs/strategies.md explains each one.
--   input:     text (any string-like or numeric column, masked as text), date, inet, json, any
--   injective: identity (unchanged), keyed (keyed hash of `bits` bits: unique with
--              overwhelming probability), bijective (a keyed permutation), option (bijective
--              with params.injective = true), no (collides by design)
--   length:    how long the output can be: input (never longer than the input), fixed
--              (params decide), email (local part grows to 16 characters), dictionary
--              (the longest dictionary entry), data (only the data can tell)
CREATE OR REPLACE FUNCTION anon.rule_strategies()
RETURNS TABLE (strategy text, input text, injective text, bits int, length text, params jsonb, description text)
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
SET search_path = ''
AS $$
    SELECT s.strategy, s.input, s.injective, s.bits, s.length, s.params::jsonb, s.description
      FROM (VALUES
        ('keep', 'any', 'identity', NULL, 'input', '{}',
         'not PII: reviewed and left unchanged'),
        ('null', 'any', 'no', NULL, 'fixed', '{}',
         'replace with NULL (refused on NOT NULL columns)'),
        ('constant', 'any', 'no', NULL, 'fixed',
         '{"value": {"type": "string", "required": true, "doc": "the replacement, cast to the column type"}}',
         'replace every value with one constant'),
        ('hash', 'text', 'keyed', NULL, 'fixed',
         '{"length": {"type": "integer", "default": 64, "min": 8, "max": 64, "doc": "hex characters of the keyed HMAC-SHA256 kept (64: all of it)"}}',
         'keyed hash (hex) of the value: irreversible, consistent within the domain'),
        ('pseudonym', 'text', 'keyed', NULL, 'fixed',
         '{"prefix": {"type": "string", "default": "user_", "doc": "text before the hex part"},
           "length": {"type": "integer", "default": 16, "min": 8, "max": 64, "doc": "hex characters after the prefix"}}',
         'prefix plus keyed hex: user_3f9a2b7c4d5e6f70; for usernames and other unique handles'),
        ('email', 'text', 'keyed', 64, 'email',
         '{"domain_map": {"type": "object", "default": {}, "doc": "domain -> replacement domain (corporate domains)"},
           "keep_domains": {"type": "array", "doc": "domains kept as they are; every other domain becomes other_domain"},
           "other_domain": {"type": "string", "default": "example.com", "doc": "replacement for domains outside keep_domains"}}',
         'keyed local part, domain kept (lower-cased); case-insensitive: Jane.Doe@Gmail.com = jane.doe@gmail.com'),
        ('phone', 'text', 'option', NULL, 'input',
         '{"fictional": {"type": "boolean", "default": true, "doc": "NANP numbers become NPA-555-01xx (fictional range)"},
           "injective": {"type": "boolean", "default": false, "doc": "keyed permutation of the digits: distinct in, distinct out (slower)"}}',
         'same length, separators and country code; digits replaced'),
        ('national_id', 'text', 'option', NULL, 'input',
         '{"format": {"type": "string", "default": "auto", "enum": ["auto", "ssn", "dni", "nie", "digits"], "doc": "auto: recognise SSN, DNI, NIE by shape, else replace digits"},
           "injective": {"type": "boolean", "default": false, "doc": "keyed permutation of the digits (no format rules): distinct in, distinct out"}}',
         'format-preserving: SSN ranges, DNI/NIE check letters kept valid; other IDs digit by digit'),
        ('iban', 'text', 'no', NULL, 'input', '{}',
         'country, bank letters and length kept; account digits replaced; mod-97 check digits stay valid'),
        ('card_number', 'text', 'no', NULL, 'input', '{}',
         'issuer prefix (6 digits) and length kept, the rest replaced, Luhn-valid'),
        ('bank_account', 'text', 'option', NULL, 'input',
         '{"injective": {"type": "boolean", "default": false, "doc": "keyed permutation of the digits: distinct in, distinct out"}}',
         'format kept, every digit replaced (letters and separators kept)'),
        ('digits', 'text', 'option', NULL, 'input',
         '{"injective": {"type": "boolean", "default": false, "doc": "keyed permutation of the digits: distinct in, distinct out"}}',
         'generic format-preserving: every digit replaced, letters and separators kept'),
        ('postal_code', 'text', 'no', NULL, 'input',
         '{"keep": {"type": "integer", "default": 2, "min": 0, "max": 10, "doc": "leading characters kept (the region)"}}',
         'region prefix kept, remaining digits replaced'),
        ('first_name', 'text', 'no', NULL, 'dictionary', '{}', 'a first name from the Faker dictionary, by keyed hash'),
        ('last_name', 'text', 'no', NULL, 'dictionary', '{}', 'a last name from the Faker dictionary, by keyed hash'),
        ('person_name', 'text', 'no', NULL, 'dictionary', '{}', '"First Last" from the Faker dictionary, by keyed hash'),
        ('address', 'text', 'no', NULL, 'dictionary', '{}', 'a street address from the Faker dictionary, by keyed hash'),
        ('city', 'text', 'no', NULL, 'dictionary', '{}', 'a city from the Faker dictionary, by keyed hash'),
        ('company', 'text', 'no', NULL, 'dictionary', '{}', 'a company name from the Faker dictionary, by keyed hash'),
        ('birth_date', 'date', 'no', NULL, 'input',
         '{"mode": {"type": "string", "default": "year", "enum": ["year", "shift", "band"], "doc": "year: a keyed day of the same year; shift: +-max_days; band: first day of the band"},
           "max_days": {"type": "integer", "default": 30, "min": 1, "max": 3650, "doc": "shift: largest shift in days"},
           "band": {"type": "integer", "default": 10, "min": 1, "max": 100, "doc": "band: width in years"}}',
         'dates of birth shifted or generalised deterministically'),
        ('ip', 'inet', 'no', NULL, 'input',
         '{"mode": {"type": "string", "default": "prefix", "enum": ["prefix", "pseudonymize"], "doc": "prefix: keep the network, replace the host; pseudonymize: keyed address in 10.0.0.0/8 or fd00::/8"},
           "keep_bits_v4": {"type": "integer", "default": 24, "min": 0, "max": 31, "doc": "prefix: IPv4 bits kept"},
           "keep_bits_v6": {"type": "integer", "default": 48, "min": 0, "max": 127, "doc": "prefix: IPv6 bits kept"}}',
         'IP addresses: keep the prefix or pseudonymise'),
        ('redact', 'text', 'no', NULL, 'data',
         '{"mode": {"type": "string", "default": "placeholder", "enum": ["placeholder", "pseudonym"], "doc": "placeholder: [EMAIL], [PHONE], ...; pseudonym: the same fake as the column strategies"},
           "kinds": {"type": "array", "default": ["email", "phone", "iban", "card_number", "national_id", "ip_address", "person_name"], "doc": "which kinds to replace in the text"}}',
         'free text: embedded PII replaced, the rest of the text untouched'),
        ('json', 'json', 'no', NULL, 'data',
         '{"keys": {"type": "boolean", "default": true, "doc": "also mask values under PII-named keys at any depth"}}',
         'JSON/JSONB: values under PII-named keys masked at any depth, shape and types kept; add rules with json_path for other paths')
      ) AS s(strategy, input, injective, bits, length, params, description)
$$;
COMMENT ON FUNCTION anon.rule_strategies() IS
    'pgscrub: the masking strategies, their parameters (types, defaults) and injectivity';
