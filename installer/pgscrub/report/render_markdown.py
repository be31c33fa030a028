"""The report as Markdown (GitHub-flavoured tables), for pull requests and wikis.

Every piece of text is escaped: punctuation that Markdown or inline HTML would interpret
inline gets a backslash, code spans use a fence longer than any backtick run they
hold, and `|` is escaped so a value cannot split a table cell. Newlines become spaces.
"""

from __future__ import annotations

import re

from pgscrub.report.document import BarChart, Document, Facts, Paragraph, Section, Table

# Inline specials only: our own words start every line, so line-start markers (#, -, +, 1.)
# cannot come from the database; with [ and ] escaped, ( ) and ! cannot form a link.
SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
BAR_LENGTH = 20


def render(document: Document) -> str:
    lines = [f"# {_plain(document.title)}", "", _inline(document.headline), "", _facts(document.key_numbers)]
    for section in document.sections:
        lines += ["", _section(section)]
    lines += ["", "---", "", _inline(document.footer)]
    return "\n".join(lines) + "\n"


def _plain(text: str) -> str:
    return SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def _code(text: str) -> str:
    text = " ".join(text.splitlines()).replace("|", "\\|")
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip() else text
    return f"{fence}{padded}{fence}"


def _inline(pieces) -> str:
    out = []
    for piece in pieces:
        if piece.style == "br":
            out.append("<br>")
        elif piece.style == "code":
            out.append(_code(piece.text))
        elif not piece.text:
            continue
        elif piece.style in ("strong", "missed", "clean", "unvalidated"):
            out.append(f"**{_plain(piece.text)}**")
        elif piece.style == "muted":
            out.append(f"_{_plain(piece.text)}_")
        else:
            out.append(_plain(piece.text))
    return "".join(out)


def _section(section: Section) -> str:
    parts = [f"## {_plain(section.title)}"]
    if section.subtitle:
        parts += ["", f"_{_plain(section.subtitle)}_"]
    for block in section.blocks:
        parts += ["", _block(block)]
    return "\n".join(parts)


def _block(block) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Paragraph):
        return _inline(block.pieces)
    raise TypeError(f"unknown block {type(block).__name__}")


def _facts(facts: Facts) -> str:
    return "\n".join(f"- **{_plain(label)}:** {_inline(value)}" for label, value in facts.items)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def _table(table: Table) -> str:
    if not table.rows:
        return f"_{_plain(table.empty)}_"
    rule = ["---:" if i in table.numeric else "---" for i in range(len(table.columns))]
    lines = [_row([_plain(c) for c in table.columns]), _row(rule)]
    lines += [_row([_inline(cell) for cell in row]) for row in table.rows]
    return "\n".join(lines)


def _chart(chart: BarChart) -> str:
    if not chart.bars:
        return "_No column with personal data was found._"
    largest = max(sum(values) for _, values in chart.bars) or 1
    lines = [f"**{_plain(chart.title)}**", "",
             _row(["Table"] + [_plain(name) for name, _ in chart.series] + ["Columns"]),
             _row(["---"] + ["---:"] * len(chart.series) + ["---"])]
    for label, values in chart.bars:
        bar = "█" * max(1, round(BAR_LENGTH * sum(values) / largest))
        lines.append(_row([_code(label)] + [str(v) for v in values] + [f"{bar} {sum(values)}"]))
    if chart.more:
        lines += ["", f"_{chart.more} other tables with personal data are listed below._"]
    return "\n".join(lines)
