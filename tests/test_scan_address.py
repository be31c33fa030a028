"""Street addresses across languages: anon.is_address / anon.value_kinds against Faker's
address providers, the vocabulary the demo data and many real databases are shaped like.

Faker is the source of anon.address_words' street types, prefixes and endings: a Faker
release that adds words shows up here first."""

from __future__ import annotations

import pytest
from faker import Faker

from pgscrub.demo.vocab import LOCALES as DEMO_LOCALES

# Locales whose street words anon.address_words covers, by the role the words play.
STREET_TYPES = ("en_US", "en_GB", "en_CA", "en_AU", "en_NZ")                   # 12 Main Street
STREET_PREFIXES = ("fr_FR", "fr_CA", "fr_CH", "es_ES", "es_MX", "es_CL", "es_AR", "pt_BR", "pt_PT",
                   "pl_PL")                                                        # Rua X, 12
ITALIAN_PREFIXES = ("it_IT",)                                                      # Via X, 12 (Faker calls them suffixes)
STREET_ENDINGS = ("de_DE", "de_AT", "de_CH", "nl_NL", "nl_BE", "sv_SE", "da_DK", "no_NO", "fi_FI",
                  "hu_HU", "cs_CZ", "sk_SK")                                       # Hauptstraße 5
DETECTED_LOCALES = ("en_US", "en_GB", "en_IE", "en_CA", "en_AU", "de_DE", "de_AT", "de_CH", "fr_FR",
                    "fr_CA", "es_ES", "es_MX", "it_IT", "nl_NL", "nl_BE", "pt_BR", "pt_PT", "cs_CZ",
                    "sk_SK", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI")


def _provider_words(locale: str, *attributes: str) -> set[str]:
    words = set()
    for provider in Faker(locale).providers:
        if "address" not in type(provider).__module__:
            continue
        for attribute in attributes:
            values = getattr(type(provider), attribute, None)
            if isinstance(values, (list, tuple)):
                words |= {v.strip().lower().rstrip(".").split()[-1 if attribute == "street_suffixes" else 0]
                          for v in values if v.strip() and v.strip() not in ("Street", "A", "B")}
    return words


def _list(conn, role: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT pg_catalog.unnest(anon.address_words(%s))", (role,))}


@pytest.mark.parametrize("role, locales, attributes", [
    ("street_type", STREET_TYPES, ("street_suffixes",)),
    ("street_prefix", STREET_PREFIXES, ("street_prefixes", "street_prefixes_feminine",
                                        "street_prefixes_masculine", "street_prefixes_feminine_short",
                                        "street_prefixes_masculine_short")),
    ("street_prefix", ITALIAN_PREFIXES, ("street_suffixes",)),
    ("street_ending", STREET_ENDINGS, ("street_suffixes", "street_suffixes_long", "street_suffixes_short")),
])
def test_every_faker_street_word_is_in_the_word_lists(conn, role, locales, attributes):
    known = _list(conn, role)
    faker_words = set().union(*(_provider_words(locale, *attributes) for locale in locales))
    assert faker_words, "Faker lists no street words for these locales"
    assert faker_words - known == set(), f"add to anon.address_words('{role}')"


def test_word_lists_are_lower_case_without_trailing_dots_and_prefixes_cover_the_no_number_subset(conn):
    for role in ("street_type", "street_prefix", "street_start", "street_ending", "unit", "unit_first",
                 "direction", "place_preposition", "po_box"):
        words = _list(conn, role)
        assert words, role
        assert all(w == w.rstrip(".") and w == w.strip() for w in words), role
    assert _list(conn, "street_start") <= _list(conn, "street_prefix")


def _rate(conn, values: list[str]) -> tuple[float, list[str]]:
    rows = conn.execute(
        "SELECT v, 'address' = ANY (anon.value_kinds(v)) OR anon.is_address(v) FROM pg_catalog.unnest(%s::text[]) AS v",
        (values,)).fetchall()
    missed = [v for v, hit in rows if not hit]
    return 1 - len(missed) / len(rows), missed


@pytest.mark.parametrize("locale", DETECTED_LOCALES)
def test_faker_street_addresses_and_full_addresses_are_recognised(conn, locale):
    fake = Faker(locale)
    fake.seed_instance(20261203)
    streets = [" ".join(fake.street_address().split()) for _ in range(200)]
    full = [", ".join(line.strip() for line in fake.address().splitlines()) for _ in range(100)]
    street_rate, street_missed = _rate(conn, streets)
    full_rate, full_missed = _rate(conn, full)
    # Street names without any number or street word (Czech "Svornosti 91", Brazilian
    # "Lago Eduardo Ramos") are the few that remain.
    assert street_rate >= 0.9, street_missed[:10]
    assert full_rate >= 0.9, full_missed[:10]


def test_demo_locales_street_addresses_are_nearly_all_recognised(conn):
    """What decides the demo's user_addresses.line1 and orders.shipping_address columns."""
    values = []
    for locale in DEMO_LOCALES:
        fake = Faker(locale.code)
        fake.seed_instance(7)
        values += [" ".join(fake.street_address().split()) for _ in range(150)]
    rate, missed = _rate(conn, values)
    assert rate >= 0.97, missed[:20]
