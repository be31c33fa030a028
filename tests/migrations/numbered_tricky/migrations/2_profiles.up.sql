-- Idempotent: some environments got this column by hand.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_name = 'customers' AND column_name = 'tax_id') THEN
        ALTER TABLE customers ADD COLUMN tax_id varchar(20);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION add_audit_column(p_table regclass) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS changed_by text', p_table);
END
$fn$;
