"""Does a column look like PII, judging by its name and type only (lint has no values)?

The name patterns are the scan's column-name hints (sql/data/column_hints.json, loaded into
anon.column_hints at install): POSIX regular expressions that PostgreSQL matches with `~*`.
They are translated to Python here (`posix_to_python`) and tests check that both engines agree.

What lint adds, because it cannot look at values:
- the type must be able to hold that kind of PII (`email_verified boolean` is not an email);
- a name that only *describes* PII is not PII: `email_status`, `phone_count`, `is_email`
  still match a hint once the metadata word is removed, so they are about an email, not one;
- a column of type inet/cidr is an IP address whatever its name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from pgscrub import sqlsource

SENSITIVITY_ORDER = {"LOW": 0, "MEDIUM": 1, "HIGH": 2}

# Type families: which kinds of PII a column type can hold.
TYPE_FAMILIES = {
    "text": {"text", "varchar", "bpchar", "char", "character", "character varying", "citext", "name"},
    "document": {"json", "jsonb", "xml", "hstore"},
    "binary": {"bytea"},
    "integer": {"int2", "int4", "int8", "smallint", "integer", "int", "bigint",
                "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"},
    "number": {"numeric", "decimal", "float4", "float8", "real", "double precision", "money"},
    "date": {"date"},
    "time": {"timestamp", "timestamptz", "time", "timetz", "interval"},
    "boolean": {"bool", "boolean"},
    "network": {"inet", "cidr"},
    "uuid": {"uuid"},
    "geometry": {"point", "geometry", "geography", "polygon", "box", "circle", "path", "line", "lseg"},
    "other": {"tsvector", "tsquery", "bit", "varbit", "oid", "regclass", "macaddr", "macaddr8",
              "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "pg_lsn"},
}
FAMILY_OF_TYPE = {name: family for family, names in TYPE_FAMILIES.items() for name in names}
# "unknown": a domain, enum or extension type lint has not seen defined; it could hold anything.
# "other": a built-in type that holds no personal data (tsvector, bit, ranges, ...).
TEXTUAL = frozenset({"text", "document", "unknown"})
NUMERIC = frozenset({"integer", "number"})
FAMILIES_FOR_KIND = {
    "phone": TEXTUAL | NUMERIC,
    "national_id": TEXTUAL | NUMERIC,
    "bank_account": TEXTUAL | NUMERIC,
    "card_number": TEXTUAL | NUMERIC,
    "birth_date": TEXTUAL | {"date", "time"},
    "ip_address": TEXTUAL | {"network"},
    "secret": TEXTUAL | {"binary", "uuid"},
    "photo": TEXTUAL | {"binary"},
    "geo": TEXTUAL | {"number", "geometry"},
}

# Words that make a name describe PII rather than hold it, when the rest of the name still
# matches the same hint: email_status, phone_count, address_id, is_email, num_phones.
METADATA_SUFFIXES = frozenset({
    "id", "ids", "key", "status", "type", "kind", "count", "verified", "confirmed", "enabled",
    "disabled", "sent", "bounced", "valid", "validated", "template", "provider", "format",
    "flag", "flags", "length", "len", "policy", "settings", "preference", "preferences",
    "visibility", "visible", "required", "attempts", "version", "opt", "optin", "opted",
    "consent", "changed", "updated", "created", "expires", "expiry", "hint",
})
METADATA_PREFIXES = frozenset({"is", "has", "num", "count", "n", "max", "min", "total", "allow", "can"})


@dataclass(frozen=True)
class Hint:
    pattern: str          # POSIX, as stored in anon.column_hints
    kind: str
    sensitivity: str
    regex: re.Pattern


@dataclass(frozen=True)
class Guess:
    """Why lint thinks a column holds PII."""
    kind: str
    sensitivity: str
    reason: str           # for people: "name matches a email hint", "type inet", ...


_POSIX_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": r" \t\n\r\f\v", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f",
}


def posix_to_python(pattern: str) -> str:
    """Translate a PostgreSQL (ARE) regex to Python `re`, for the subset both engines share.

    Translated: `$` (Python's also matches before a final newline; PostgreSQL's does not)
    and bracket classes like [[:alpha:]]. Refused (ValueError): ARE-only escapes \\m \\M \\y \\Y
    and embedded options other than non-capturing groups and lookaheads.
    """
    out, i, in_bracket = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escape = pattern[i:i + 2]
            if escape in ("\\m", "\\M", "\\y", "\\Y"):
                raise ValueError(f"{escape} (word boundary) has no Python equivalent: use a group")
            out.append(escape)
            i += 2
            continue
        if in_bracket:
            match = re.match(r"\[:([a-z]+):\]", pattern[i:])
            if match:
                if match[1] not in _POSIX_CLASSES:
                    raise ValueError(f"unknown bracket class [:{match[1]}:]")
                out.append(_POSIX_CLASSES[match[1]])
                i += len(match[0])
                continue
            in_bracket = char != "]"
            out.append("\\[" if char == "[" else char)
        elif char == "[":
            in_bracket = True
            out.append(char)
            # '^' negates; a ']' right after '[' or '[^' is a literal in both engines.
            for lead in ("^]", "^", "]"):
                if pattern.startswith(lead, i + 1):
                    out.append(lead)
                    i += len(lead)
                    break
        elif char == "$":
            out.append(r"\Z")
        elif char == "(" and pattern.startswith("(?", i) and not re.match(r"\(\?[:=!]", pattern[i:]):
            raise ValueError("embedded options (?...) are not portable: write the pattern without them")
        else:
            out.append(char)
        i += 1
    return "".join(out)


@cache
def load_hints() -> tuple[Hint, ...]:
    """The shared column-name hints, from the same file the installer loads into the database."""
    path = sqlsource.sql_root() / "data" / "column_hints.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Hint(h["pattern"], h["kind"], h["sensitivity"],
             re.compile(posix_to_python(h["pattern"]), re.IGNORECASE))
        for h in data["hints"])


def name_hint(name: str) -> Hint | None:
    """The most sensitive hint whose pattern matches the column name (first one on ties)."""
    matching = [h for h in load_hints() if h.regex.search(name)]
    return max(matching, key=lambda h: SENSITIVITY_ORDER[h.sensitivity], default=None)


def _describes_pii(name: str, hint: Hint) -> bool:
    """email_status, is_email: still the same hint without the metadata word."""
    words = name.lower().split("_")
    if len(words) < 2:
        return False
    rests = []
    if words[-1] in METADATA_SUFFIXES:
        rests.append("_".join(words[:-1]))
    if words[0] in METADATA_PREFIXES:
        rests.append("_".join(words[1:]))
    return any(hint.regex.search(rest) for rest in rests)


def type_family(type_name: str, builtin: bool = False) -> str:
    """The family of a type name as pglast gives it (int8, varchar, text, citext)."""
    return FAMILY_OF_TYPE.get(type_name.lower(), "other" if builtin else "unknown")


def guess(name: str, family: str, type_name: str = "") -> Guess | None:
    """Name and type heuristics for one column; None when it does not look like PII.

    A domain or extension type named like PII (`email_address`, `phone_number`) counts too.
    """
    if family == "network":
        return Guess("ip_address", "MEDIUM", "its type holds IP addresses")
    by_name = _by_name(name, family)
    base = type_name.rsplit(".", 1)[-1].strip('"').removesuffix("[]")
    if by_name or family not in TEXTUAL or not base or base.lower() in FAMILY_OF_TYPE:
        return by_name
    by_type = _by_name(base, family)
    return by_type and Guess(by_type.kind, by_type.sensitivity,
                             f"its type {base} looks like {by_type.kind.replace('_', ' ')}")


def _by_name(name: str, family: str) -> Guess | None:
    hint = name_hint(name)
    if hint is None or SENSITIVITY_ORDER[hint.sensitivity] == 0:
        return None
    if family not in FAMILIES_FOR_KIND.get(hint.kind, TEXTUAL):
        return None
    if _describes_pii(name, hint):
        return None
    return Guess(hint.kind, hint.sensitivity, f"its name looks like {hint.kind.replace('_', ' ')}")
