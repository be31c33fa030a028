-- Default-deny: raise when columns were added or retyped and nobody classified them.
-- FOUNDATION STUB: the validation work (issue 5) fills it in.
CREATE OR REPLACE FUNCTION anon.check_pending()
RETURNS void
LANGUAGE plpgsql
STABLE
SET search_path = ''
AS $$
BEGIN
    RETURN;
END
$$;
COMMENT ON FUNCTION anon.check_pending() IS
    'pgscrub: raise, listing them, when new or retyped columns are not classified yet';
