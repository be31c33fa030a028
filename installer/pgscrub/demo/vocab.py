"""The demo's word lists, made with Faker (seeded) and loaded into the build schema.

Each list is per locale, so a user from de_DE gets a German name, street, postcode and
phone. The lists are small (a few hundred to two thousand entries per locale): the SQL
combines them by keyed hash with numbers, so 2M users still get varied values.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from faker import Faker


@dataclass(frozen=True)
class Locale:
    code: str          # Faker locale
    country: str       # ISO 3166 alpha-2, also the IBAN country and national-ID kind
    country_name: str
    currency: str
    weight: int        # share of users, in percent
    email_domains: tuple[str, ...]


LOCALES = (
    Locale("en_US", "US", "United States", "USD", 28, ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com")),
    Locale("en_GB", "GB", "United Kingdom", "GBP", 13, ("gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk")),
    Locale("de_DE", "DE", "Germany", "EUR", 12, ("gmx.de", "web.de", "gmail.com", "t-online.de")),
    Locale("fr_FR", "FR", "France", "EUR", 10, ("orange.fr", "free.fr", "gmail.com", "laposte.net")),
    Locale("es_ES", "ES", "Spain", "EUR", 8, ("gmail.com", "hotmail.es", "telefonica.net")),
    Locale("it_IT", "IT", "Italy", "EUR", 8, ("libero.it", "gmail.com", "virgilio.it")),
    Locale("nl_NL", "NL", "Netherlands", "EUR", 7, ("ziggo.nl", "gmail.com", "kpnmail.nl")),
    Locale("pt_BR", "BR", "Brazil", "BRL", 9, ("uol.com.br", "gmail.com", "bol.com.br")),
    Locale("cs_CZ", "CZ", "Czechia", "CZK", 5, ("seznam.cz", "email.cz", "gmail.com")),
)
assert sum(locale.weight for locale in LOCALES) == 100

NAMES_PER_LOCALE = 400
STREETS_PER_LOCALE = 1500
PLACES_PER_LOCALE = 600
USERNAMES = 4000

# Words for product, merchant and campaign names: chosen by hand so that no
# non-personal column contains a person's name by accident.
ADJECTIVES = ("Blue", "Swift", "Silver", "Green", "Urban", "Bright", "Golden", "Quiet", "Nordic",
              "Rapid", "Solid", "Clever", "Fresh", "Prime", "Royal", "Smart", "Wild", "Lucky")
NOUNS = ("Harbor", "Market", "Coffee", "Books", "Garden", "Outfitters", "Kitchen", "Travel",
         "Pharmacy", "Fuel", "Cinema", "Bakery", "Electronics", "Fitness", "Hardware", "Pets",
         "Games", "Florist", "Optics", "Bikes")
PRODUCTS = ("Travel Card Holder", "Phone Case", "USB-C Cable", "Wireless Earbuds", "Notebook",
            "Water Bottle", "Backpack", "Desk Lamp", "Coffee Beans", "Running Socks",
            "Gift Card", "Power Bank", "Screen Protector", "Keyboard", "Sunglasses", "Umbrella",
            "Yoga Mat", "Headphones", "Wallet", "Watch Strap")


def ascii_fold(text: str) -> str:
    """Müller -> Muller, Łukasz -> Lukasz: what people type in an email address."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("Ł", "L").replace("ł", "l"))
    return "".join(c for c in folded if c.isascii() and (c.isalnum() or c == "-")).lower()


def _unique(values, limit: int) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = " ".join(value.split())
        if value and value not in seen:
            seen[value] = None
        if len(seen) == limit:
            break
    return list(seen)


def _sample(fake: Faker, method: str, count: int) -> list[str]:
    return _unique((getattr(fake, method)() for _ in range(count * 3)), count)


def _names(fake: Faker, method: str, rng: random.Random) -> list[str]:
    # Seeded draws from the locale's provider; single words only, so "first last" stays two words.
    drawn = (getattr(fake, method)() for _ in range(NAMES_PER_LOCALE * 6))
    return _unique((n for n in drawn if " " not in n and ascii_fold(n).isalpha()), NAMES_PER_LOCALE)


@cache
def dictionary(seed: int) -> dict[str, list[tuple[int, int, str, str]]]:
    """kind -> [(locale_id, position, value, ascii_fold(value))], positions dense per locale."""
    lists: dict[str, list[tuple[int, int, str, str]]] = {}

    def add(kind: str, locale_id: int, values: list[str]) -> None:
        rows = lists.setdefault(kind, [])
        rows += [(locale_id, pos, value, ascii_fold(value)) for pos, value in enumerate(values)]

    for locale_id, locale in enumerate(LOCALES):
        fake = Faker(locale.code)
        fake.seed_instance(seed + locale_id)
        rng = random.Random(seed + locale_id)
        add("first_name", locale_id, _names(fake, "first_name", rng))
        add("last_name", locale_id, _names(fake, "last_name", rng))
        add("street", locale_id, _sample(fake, "street_address", STREETS_PER_LOCALE))
        add("postcode", locale_id, _sample(fake, "postcode", PLACES_PER_LOCALE))
        add("city", locale_id, _sample(fake, "city", PLACES_PER_LOCALE))
    fake = Faker("en_US")
    fake.seed_instance(seed)
    # Usernames that are not derived from the user's own name (those are made in SQL).
    handles = (f"{fake.word()}{fake.word()}" if i % 3 else fake.user_name() for i in range(USERNAMES * 3))
    add("username", 0, _unique((h for h in handles if h.isascii() and h.isalnum()), USERNAMES))
    add("adjective", 0, list(ADJECTIVES))
    add("noun", 0, list(NOUNS))
    add("product", 0, list(PRODUCTS))
    return lists
