"""Fake-value dictionaries generated with Faker, loaded into anon.dictionary at install.

Seeded, so that two installs with the same Faker release hold the same values in the
same positions (a keyed hash picks a position, so the same input gets the same fake).
The name lists also feed the name detector, hence many locales.
"""

from __future__ import annotations

from functools import cache

from faker import Faker

SEED = 20261203

# Latin-script locales: the scan's name detector matches capitalised words, and the
# masked values must fit the columns of a Western fintech (see docs/strategies.md).
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_CA", "en_AU", "en_IN", "de_DE", "de_AT", "de_CH",
    "fr_FR", "fr_CA", "es_ES", "es_MX", "es_AR", "it_IT", "nl_NL", "nl_BE", "pt_BR",
    "pt_PT", "cs_CZ", "sk_SK", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU",
    "ro_RO", "hr_HR", "sl_SI", "et_EE", "lt_LT", "lv_LV", "tr_TR", "id_ID",
)
ADDRESS_LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "cs_CZ")
GENERATED_PER_LOCALE = 400


def _names(fake: Faker, attribute: str, method: str) -> list[str]:
    """Every name a locale's person provider knows, or a seeded sample when it only generates."""
    for provider in fake.providers:
        values = getattr(type(provider), attribute, None)
        if isinstance(values, dict):
            return list(values)
        if isinstance(values, (list, tuple)):
            return list(values)
    return [getattr(fake, method)() for _ in range(GENERATED_PER_LOCALE)]


def _generated(fake: Faker, method: str) -> list[str]:
    return [getattr(fake, method)() for _ in range(GENERATED_PER_LOCALE)]


@cache
def rows() -> tuple[tuple[str, int, str, str], ...]:
    """(kind, position, value, locale), positions dense from 0 within each kind."""
    by_kind: dict[str, dict[str, str]] = {}

    def add(kind: str, values: list[str], locale: str) -> None:
        bucket = by_kind.setdefault(kind, {})
        for value in values:
            value = value.strip()
            if value and "\n" not in value and value not in bucket:
                bucket[value] = locale

    for locale in NAME_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(SEED)
        add("first_name", _names(fake, "first_names", "first_name"), locale)
        add("last_name", _names(fake, "last_names", "last_name"), locale)
    for locale in ADDRESS_LOCALES:
        fake = Faker(locale)
        fake.seed_instance(SEED)
        add("street_address", _generated(fake, "street_address"), locale)
        add("city", _generated(fake, "city"), locale)
        add("company", _generated(fake, "company"), locale)
    result = []
    for kind in sorted(by_kind):
        for position, value in enumerate(sorted(by_kind[kind])):
            result.append((kind, position, value, by_kind[kind][value]))
    return tuple(result)
