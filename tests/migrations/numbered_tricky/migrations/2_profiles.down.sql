ALTER TABLE customers DROP COLUMN tax_id;
DROP FUNCTION add_audit_column(regclass);
