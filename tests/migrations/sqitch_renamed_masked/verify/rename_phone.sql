-- Verify ledger:rename_phone on pg

SELECT mobile_phone FROM ledger.users WHERE FALSE;
