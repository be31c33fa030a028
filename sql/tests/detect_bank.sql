-- Bank and card detectors: IBAN (per-country length and mod 97), card numbers (issuer
-- prefix and length, Luhn), domestic account numbers in self-evident formats.
BEGIN;
SELECT * FROM no_plan();

SELECT ok(anon.luhn_valid(v), 'Luhn valid: ' || v) FROM (VALUES ('79927398713'), ('4111111111111111'), ('378282246310005')) AS t(v);
SELECT ok(NOT anon.luhn_valid(v), 'Luhn invalid: ' || v) FROM (VALUES ('79927398710'), ('4111111111111112'), ('12a4'), ('')) AS t(v);

SELECT ok(anon.is_card_number(v), 'card: ' || v) FROM (VALUES
    ('4111 1111 1111 1111'), ('4111-1111-1111-1111'), ('4111111111111111'), ('5555555555554444'),
    ('2223003122003222'), ('378282246310005'), ('3782 822463 10005'), ('6011111111111117'),
    ('3530111333300000'), ('30569309025904'), ('6200000000000005')) AS t(v);
SELECT ok(NOT anon.is_card_number(v), 'not a card: ' || v) FROM (VALUES
    ('4111 1111 1111 1112'),          -- Luhn fails
    ('9111111111111111'),             -- no issuer starts with 9
    ('378282246310005000'),           -- Amex prefix, wrong length
    ('4111 1111 1111'),               -- too short for Visa
    ('1234567812345678'), ('2021-01-06 12:00:00'), ('+44 20 7946 0958')) AS t(v);
SELECT is(anon.card_issuer(v), k, 'issuer of ' || v) FROM (VALUES
    ('4111111111111111', 'visa'), ('5555555555554444', 'mastercard'), ('2223003122003222', 'mastercard'),
    ('378282246310005', 'amex'), ('6011111111111117', 'discover'), ('3530111333300000', 'jcb'),
    ('30569309025904', 'diners'), ('2200123456789010', 'mir'), ('1234567890123', NULL)) AS t(v, k);

SELECT ok(anon.is_iban(v), 'IBAN: ' || v) FROM (VALUES
    ('DE89 3704 0044 0532 0130 00'), ('DE89370400440532013000'), ('GB82WEST12345698765432'),
    ('FR1420041010050500013M02606'), ('NL91ABNA0417164300'), ('NO9386011117947'),
    ('CZ6508000000192000145399'), ('gb82 west 1234 5698 7654 32')) AS t(v);
SELECT ok(NOT anon.is_iban(v), 'not an IBAN: ' || v) FROM (VALUES
    ('DE89 3704 0044 0532 0130 01'),  -- mod 97 fails
    ('DE89 3704 0044 0532 0130'),     -- German IBANs have 22 characters
    ('XX89370400440532013000'),       -- no such country
    ('US12345678901234567890'),       -- the US has no IBAN
    ('DE8937040044053201300A0'), ('Jane Doe'), ('')) AS t(v);
SELECT is(anon.iban_length(c), n, 'IBAN length of ' || c) FROM (VALUES ('DE', 22), ('GB', 22), ('NO', 15), ('MT', 31), ('US', NULL)) AS t(c, n);

SELECT ok(anon.is_bank_account(v), 'domestic account: ' || v) FROM (VALUES
    ('19-2000145399/0800'), ('2000145399/0800'), ('12-34-56 12345678')) AS t(v);
SELECT ok(NOT anon.is_bank_account(v), 'not a domestic account: ' || v) FROM (VALUES
    ('19-2000145398/0800'), ('1/2/2020'), ('2021/01/06'), ('12-34-56 1234')) AS t(v);

SELECT * FROM finish();
ROLLBACK;
