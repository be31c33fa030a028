-- Verify ledger:users on pg

SELECT id, email, first_name, last_name, phone, created_at FROM ledger.users WHERE FALSE;
