"""Scan quality on the public sample databases: column-level recall and precision.

The ground truth below was written by reading the data of each database (not the scan's
output): PII lists the columns that hold personal data, with the reason; AMBIGUOUS lists
columns a reviewer could reasonably decide either way (they count neither for nor against
the scan). Every other column is not personal (ids, amounts, titles, product names, dates
of business events, reference tables). A column is "flagged" when the scan classifies it
HIGH or MEDIUM. Run with `pytest -s` to see the figures.
"""

from __future__ import annotations

import pytest

import support
from pgscrub.scan import scan

PII = {
    "pagila": {
        "actor.first_name": "first names of people (film actors)",
        "actor.last_name": "last names of people (film actors)",
        "address.address": "street addresses of customers and staff",
        "address.district": "region of those addresses",
        "address.phone": "phone numbers (bare digits) of customers",
        "address.postal_code": "postal codes of those addresses",
        "customer.email": "customer emails",
        "customer.first_name": "customer first names",
        "customer.last_name": "customer last names",
        "staff.email": "staff emails",
        "staff.first_name": "staff first names",
        "staff.last_name": "staff last names",
        "staff.username": "staff login names (their first names)",
        "staff.password": "SHA-1 password hashes",
        "staff.picture": "staff photo (PNG bytes)",
    },
    "chinook": {
        "customer.first_name": "customer first names, accented, many countries",
        "customer.last_name": "customer last names",
        "customer.address": "street addresses in many languages",
        "customer.city": "city of the customer's address",
        "customer.state": "state of the customer's address",
        "customer.postal_code": "postal codes of the customer's address",
        "customer.phone": "phone numbers from 24 countries",
        "customer.fax": "fax numbers of customers",
        "customer.email": "customer emails",
        "employee.first_name": "employee first names",
        "employee.last_name": "employee last names",
        "employee.birth_date": "employee dates of birth",
        "employee.address": "employee home addresses",
        "employee.city": "city of the employee's address",
        "employee.state": "province of the employee's address",
        "employee.postal_code": "postal codes of employee addresses",
        "employee.phone": "employee phone numbers",
        "employee.fax": "employee fax numbers",
        "employee.email": "employee emails",
        "invoice.billing_address": "the customer's billing street address",
        "invoice.billing_city": "city of the billing address",
        "invoice.billing_state": "state of the billing address",
        "invoice.billing_postal_code": "postal code of the billing address",
    },
    "northwind": {
        "customers.contact_name": "names of the customers' contact persons",
        "customers.address": "street addresses",
        "customers.city": "city of those addresses",
        "customers.region": "region of those addresses",
        "customers.postal_code": "postal codes of those addresses",
        "customers.phone": "phone numbers, European and American formats",
        "customers.fax": "fax numbers",
        "employees.first_name": "employee first names",
        "employees.last_name": "employee last names",
        "employees.birth_date": "employee dates of birth",
        "employees.address": "employee home addresses",
        "employees.city": "city of the employee's home",
        "employees.region": "region of the employee's home",
        "employees.postal_code": "postal code of the employee's home",
        "employees.home_phone": "employee home phone numbers",
        "employees.notes": "biographies of each employee, naming them",
        "orders.ship_address": "delivery street addresses",
        "orders.ship_city": "city of the delivery address",
        "orders.ship_region": "region of the delivery address",
        "orders.ship_postal_code": "postal code of the delivery address",
        "suppliers.contact_name": "names of the suppliers' contact persons",
        "suppliers.address": "street addresses",
        "suppliers.city": "city of those addresses",
        "suppliers.region": "region of those addresses",
        "suppliers.postal_code": "postal code of those addresses",
        "suppliers.phone": "phone numbers of the contact persons",
        "suppliers.fax": "fax numbers",
    },
    "dvdrental": {
        "actor.first_name": "first names of people (film actors)",
        "actor.last_name": "last names of people (film actors)",
        "address.address": "street addresses of customers and staff",
        "address.district": "region of those addresses",
        "address.phone": "phone numbers (bare digits) of customers",
        "address.postal_code": "postal codes of those addresses",
        "customer.email": "customer emails",
        "customer.first_name": "customer first names",
        "customer.last_name": "customer last names",
        "staff.email": "staff emails",
        "staff.first_name": "staff first names",
        "staff.last_name": "staff last names",
        "staff.username": "staff login names (their first names)",
        "staff.password": "SHA-1 password hashes",
        "staff.picture": "staff photo (PNG bytes)",
    },
    "berka": {
        "client_raw_birth_number.birth_number": "YYMMDD part of the Czech birth number (national ID)",
        "fin_client.birth_date": "client dates of birth",
        "fin_order.account_to": "counterparty bank account numbers",
    },
}

AMBIGUOUS = {
    "pagila": {},
    "chinook": {
        "customer.company": "the customer's employer: identifying for some, a company name for most",
        "customer.country": "country alone: a weak quasi-identifier",
        "employee.country": "country alone",
        "invoice.billing_country": "country alone",
        "employee.hire_date": "HR data about a person, not identifying alone",
        "artist.name": "performers and bands: public figures' names",
        "track.composer": "credited composers: public figures' names in free text",
    },
    "northwind": {
        "customers.company_name": "business names, some built from the owner's name",
        "customers.country": "country alone",
        "employees.country": "country alone",
        "suppliers.country": "country alone",
        "orders.ship_country": "country alone",
        "orders.ship_name": "recipient, a company name in this data",
        "suppliers.company_name": "business names",
        "employees.extension": "4-digit internal phone extensions",
        "employees.photo_path": "URL of the photo, built from the surname",
        "employees.photo": "meant for photos, but every value is empty",
        "employees.hire_date": "HR data about a person, not identifying alone",
        "employees.title_of_courtesy": "Ms./Dr./Mr.: reveals gender",
        "shippers.phone": "switchboard numbers of shipping companies, phone-shaped",
        "suppliers.homepage": "supplier web pages, one with a contact's first name",
    },
    "dvdrental": {},
    "berka": {
        "client_raw_birth_number.gender": "quasi-identifier",
        "client_raw_birth_number.age": "quasi-identifier",
        "client_raw_birth_number.age_levels": "quasi-identifier",
        "fin_client.gender": "quasi-identifier",
    },
}


def _flagged_and_all(dsn: str) -> tuple[set[str], set[str]]:
    with support.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT table_name || '.' || column_name, sensitivity, skipped_reason"
            " FROM anon.scanned_columns WHERE schema_name = 'public'").fetchall()
    flagged = {name for name, sensitivity, skipped in rows if sensitivity in ("HIGH", "MEDIUM") and not skipped}
    return flagged, {name for name, _, _ in rows}


@pytest.mark.slow
@pytest.mark.parametrize("database", sorted(PII))
def test_scan_finds_the_pii_of_sample_databases(sample_db, database):
    dsn = sample_db(database)
    with support.connect(dsn) as conn:
        scan(conn)
    flagged, classified = _flagged_and_all(dsn)

    truth, ambiguous = set(PII[database]), set(AMBIGUOUS[database])
    assert truth <= classified and ambiguous <= classified, "ground truth names a column the scan did not classify"
    found = flagged & truth
    judged = flagged - ambiguous
    recall = len(found) / len(truth)
    precision = len(found) / len(judged) if judged else 1.0
    print(f"\n{database}: recall {recall:.3f} ({len(found)}/{len(truth)}), "
          f"precision {precision:.3f} ({len(found)}/{len(judged)}), "
          f"{len(classified)} columns, {len(flagged & ambiguous)}/{len(ambiguous)} ambiguous flagged")
    assert not truth - flagged, f"missed: {sorted(truth - flagged)}"
    assert not judged - truth, f"flagged but not personal: {sorted(judged - truth)}"
    assert recall >= 0.98 and precision >= 0.95
