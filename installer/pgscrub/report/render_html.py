"""The report as one self-contained HTML file: inline CSS and SVG, no script, no network.

Every piece of text is escaped (html.escape, quotes included); nothing from the database
reaches the page as markup. Print: A4 and Letter alike (the page size is left to the
printer, the layout fits the narrower of the two), table headers repeat on each page,
rows and headings do not split.
"""

from __future__ import annotations

from html import escape

from pgscrub.report.document import BarChart, Document, Facts, Paragraph, Section, Table

CSS = """
:root { --ink: #1d2430; --muted: #5b6675; --line: #d5dbe3; --band: #f3f5f8;
        --clean: #1b6e3c; --clean-bg: #e3f4e8; --missed: #a3161b; --missed-bg: #fbe5e5;
        --warn: #8a5a00; --warn-bg: #fdf1d8; --high: #b3262b; --medium: #d99215; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: var(--ink);
       font: 10.5pt/1.45 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
header.masthead { border-bottom: 3px solid var(--ink); padding-bottom: .8rem; margin-bottom: 1rem; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; }
h1 { margin: .2rem 0 .6rem; font-size: 18pt; }
h2 { margin: 1.6rem 0 .3rem; font-size: 13.5pt; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.subtitle { margin: 0 0 .6rem; color: var(--muted); }
.verdict { margin: .4rem 0 .8rem; padding: .6rem .8rem; border-left: 6px solid; font-size: 11pt; }
.verdict-clean { border-color: var(--clean); background: var(--clean-bg); }
.verdict-missed, .verdict-failed { border-color: var(--missed); background: var(--missed-bg); }
.verdict-not_validated { border-color: var(--warn); background: var(--warn-bg); }
table { width: 100%; border-collapse: collapse; margin: .3rem 0 .9rem; }
th, td { text-align: left; vertical-align: top; padding: .28rem .45rem; border-bottom: 1px solid var(--line);
         overflow-wrap: break-word; }
th { background: var(--band); font-size: 9pt; text-transform: uppercase; letter-spacing: .03em; }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
tr.row-missed td { background: var(--missed-bg); }
tr.row-unvalidated td { background: var(--warn-bg); }
td.empty { color: var(--muted); font-style: italic; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
#key-numbers { grid-template-columns: repeat(2, max-content 1fr); }
#run-steps, #gate-events, #validation-other { width: auto; min-width: 50%; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 8.5pt;
       overflow-wrap: anywhere; }
.muted { color: var(--muted); font-size: 9pt; }
.clean, .missed, .unvalidated { font-weight: bold; padding: 0 .3rem; border-radius: 3px;
                                -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.clean { color: var(--clean); background: var(--clean-bg); }
.missed { color: var(--missed); background: var(--missed-bg); }
.unvalidated { color: var(--warn); background: var(--warn-bg); }
p.lead { margin: .9rem 0 .2rem; }
figure { margin: .4rem 0 1rem; }
figcaption { color: var(--muted); font-size: 9pt; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11px; fill: #1d2430; }
svg .high { fill: var(--high); } svg .medium { fill: var(--medium); }
footer { margin-top: 2rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 8.5pt; }
@page { margin: 14mm 12mm 16mm;
        @bottom-left { content: "pgscrub anonymization report"; font-size: 8pt; color: #5b6675; }
        @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 8pt; color: #5b6675; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  p.lead, p.subtitle { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, dl.facts, .verdict { break-inside: avoid; page-break-inside: avoid; }
}
"""


def render(document: Document) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script, no remote anything: the page is evidence, readable offline for years.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(document.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="masthead">',
        '<p class="kicker">pgscrub anonymization report</p>',
        f"<h1>{_e(document.title.split(': ', 1)[-1])}</h1>",
        f'<p class="verdict verdict-{_e(document.verdict)}" id="verdict">{_inline(document.headline)}</p>',
        _facts(document.key_numbers),
        "</header>",
        "<main>",
        *(_section(section) for section in document.sections),
        "</main>",
        f"<footer>{_inline(document.footer)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _inline(pieces) -> str:
    html = []
    for piece in pieces:
        if piece.style == "br":
            html.append("<br>")
        elif piece.style == "code":
            # Let long qualified names wrap after a dot rather than anywhere.
            html.append(f"<code>{_e(piece.text).replace('.', '.<wbr>')}</code>")
        elif piece.style == "strong":
            html.append(f"<strong>{_e(piece.text)}</strong>")
        elif piece.style:
            html.append(f'<span class="{_e(piece.style)}">{_e(piece.text)}</span>')
        else:
            html.append(_e(piece.text))
    return "".join(html)


def _section(section: Section) -> str:
    body = [f'<section id="{_e(section.id)}">', f"<h2>{_e(section.title)}</h2>"]
    if section.subtitle:
        body.append(f'<p class="subtitle">{_e(section.subtitle)}</p>')
    body += [_block(block) for block in section.blocks]
    body.append("</section>")
    return "\n".join(body)


def _block(block) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, BarChart):
        return _chart(block)
    if isinstance(block, Paragraph):
        return f'<p class="lead">{_inline(block.pieces)}</p>'
    raise TypeError(f"unknown block {type(block).__name__}")


def _facts(facts: Facts) -> str:
    items = "".join(f"<dt>{_e(label)}</dt><dd>{_inline(value)}</dd>" for label, value in facts.items)
    return f'<dl class="facts" id="{_e(facts.id)}">{items}</dl>'


def _table(table: Table) -> str:
    def cls(index: int) -> str:
        return ' class="num"' if index in table.numeric else ""
    head = "".join(f"<th{cls(i)} scope=\"col\">{_e(name)}</th>" for i, name in enumerate(table.columns))
    rows = []
    for number, row in enumerate(table.rows):
        style = table.row_styles[number] if number < len(table.row_styles) else None
        cells = "".join(f"<td{cls(i)}>{_inline(cell)}</td>" for i, cell in enumerate(row))
        rows.append(f'<tr class="row-{_e(style)}">{cells}</tr>' if style else f"<tr>{cells}</tr>")
    if not rows:
        rows.append(f'<tr><td class="empty" colspan="{len(table.columns)}">{_e(table.empty)}</td></tr>')
    return (f'<table id="{_e(table.id)}"><thead><tr>{head}</tr></thead>'
            f'<tbody>\n{chr(10).join(rows)}\n</tbody></table>')


def _chart(chart: BarChart) -> str:
    """A horizontal stacked bar chart in inline SVG, with the numbers written beside the bars."""
    if not chart.bars:
        return f'<p class="lead muted" id="{_e(chart.id)}">No column with personal data was found.</p>'
    label_width, bar_width, row_height, top = 230, 330, 20, 26
    largest = max(sum(values) for _, values in chart.bars) or 1
    height = top + row_height * len(chart.bars) + 6
    width = label_width + bar_width + 60
    svg = [f'<svg id="{_e(chart.id)}" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'width="100%" viewBox="0 0 {width} {height}" style="max-width:{width}px" '
           f'aria-labelledby="{_e(chart.id)}-title">',
           f'<title id="{_e(chart.id)}-title">{_e(chart.title)}</title>']
    x = label_width
    for name, style in chart.series:  # legend
        svg.append(f'<rect class="{_e(style)}" x="{x}" y="4" width="10" height="10"/>'
                   f'<text x="{x + 14}" y="13">{_e(name)}</text>')
        x += 80
    for row, (label, values) in enumerate(chart.bars):
        y = top + row * row_height
        shown = label if len(label) <= 34 else label[:33] + "…"
        svg.append(f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">'
                   f'<title>{_e(label)}</title>{_e(shown)}</text>')
        x = label_width
        for (name, style), value in zip(chart.series, values):
            if value:
                length = bar_width * value / largest
                svg.append(f'<rect class="{_e(style)}" x="{x:.1f}" y="{y + 3}" width="{length:.1f}" '
                           f'height="{row_height - 6}"><title>{_e(f"{label}: {value} {name}")}</title></rect>')
                x += length
        svg.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{sum(values)}</text>')
    svg.append("</svg>")
    more = f" The {chart.more} other tables with personal data are listed below." if chart.more else ""
    return (f"<figure>{''.join(svg)}<figcaption>{_e(chart.title)}: HIGH and MEDIUM findings "
            f"per table.{_e(more)}</figcaption></figure>")
