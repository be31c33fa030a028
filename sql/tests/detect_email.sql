-- anon.is_email: whole values that are email addresses, and values that only look close.
BEGIN;
SELECT * FROM no_plan();

SELECT ok(anon.is_email(v), 'email: ' || v) FROM (VALUES
    ('jane.doe@gmail.com'), ('MARY.SMITH@sakilacustomer.org'), ('luisg@embraer.com.br'),
    ('first+tag@sub.example.co.uk'), ('o''brien@example.ie'), ('x@y.io'), ('  padded@example.com  '),
    ('bjorn.hansen@yahoo.no'), ('user_name-1@my-domain.travel')) AS t(v);

SELECT ok(NOT anon.is_email(v), 'not an email: ' || v) FROM (VALUES
    ('jane.doe@'), ('@gmail.com'), ('jane doe@gmail.com'), ('jane@localhost'), ('jane@@gmail.com'),
    ('jane@gmail.c'), ('jane.doe@gmail.com, john@x.org'), ('Customer jane@x.org reported'),
    ('jane@-bad.com'), ('plain text'), ('')) AS t(v);
SELECT is(anon.is_email(NULL), NULL, 'NULL in, NULL out');

SELECT * FROM finish();
ROLLBACK;
