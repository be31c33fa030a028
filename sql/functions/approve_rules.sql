-- Marks every proposed, unreviewed rule as reviewed by p_reviewer (what
-- `pgscrub pipeline --auto-approve` does; a human reviews the YAML export instead).
-- Returns how many rules it approved.
CREATE OR REPLACE FUNCTION anon.approve_rules(p_reviewer name DEFAULT session_user)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
SET search_path = ''
AS $$
DECLARE
    v_count integer;
BEGIN
    UPDATE anon.rules
       SET reviewed = true, reviewed_by = p_reviewer, reviewed_at = pg_catalog.now()
     WHERE origin = 'proposed' AND NOT reviewed;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION anon.approve_rules(name) IS
    'pgscrub: mark proposed rules reviewed (auto-approve); returns how many';
