DROP TABLE legacy_contacts;
