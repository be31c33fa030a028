-- Import of the legacy CRM (exported from SQL Server, saved by Excel: Windows-1252).
\set ON_ERROR_STOP on
CREATE TABLE legacy_contacts (
    id         integer PRIMARY KEY,
    -- "Straße" and "Café" style addresses come from here
    street     text,
    remarks    text
);
COPY legacy_contacts (id, street, remarks) FROM stdin;
1	Hauptstraße 5	client fidèle
2	Rue de l'Église 12	\N
\.
ALTER TABLE legacy_contacts ADD COLUMN contact_phone varchar(40);
