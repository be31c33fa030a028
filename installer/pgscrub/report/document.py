"""The report as a document: sections of facts, tables, paragraphs and a chart, in words an
auditor reads. Built once from the collected data; the HTML and Markdown renderers only
serialize it, so both formats carry the same content.

Text here is plain (unescaped); each renderer escapes every piece for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

CHART_BARS = 20  # the chart shows the tables with the most PII columns; the rest are counted


@dataclass(frozen=True)
class Text:
    """A piece of inline text; style: code, strong, muted, clean, missed, unvalidated, br."""
    text: str
    style: str | None = None


BR = Text("", "br")
Cell = list  # of Text


@dataclass
class Facts:
    id: str
    items: list[tuple[str, Cell]]


@dataclass
class Table:
    id: str
    columns: list[str]
    rows: list[list[Cell]]
    numeric: frozenset[int] = frozenset()
    row_styles: list[str | None] = field(default_factory=list)
    empty: str = "None."


@dataclass
class Paragraph:
    pieces: Cell
    style: str | None = None


@dataclass
class BarChart:
    """Horizontal stacked bars: one bar per label, one segment per series."""
    id: str
    title: str
    series: list[tuple[str, str]]              # (name, style)
    bars: list[tuple[str, list[int]]]          # (label, value per series)
    more: int = 0                              # bars left out


@dataclass
class Section:
    id: str
    title: str
    blocks: list
    subtitle: str | None = None


@dataclass
class Document:
    title: str
    verdict: str
    headline: Cell
    key_numbers: Facts
    sections: list[Section]
    footer: Cell


def t(text, style: str | None = None) -> Text:
    return Text("" if text is None else str(text), style)


def build(report: dict) -> Document:
    run = report["run"]
    summary = report["summary"]
    database = report["database"]
    sections = []
    missed = [c for c in report["validation"]["columns"] if c["status"] == "MISSED"]
    if missed:
        sections.append(_missed_section(missed))
    sections += [_run_section(report), _findings_section(report["findings"]),
                 _rules_section(report["rules"]), _validation_section(report["validation"]),
                 _gate_section(report["gate"])]
    return Document(
        title=f"pgscrub report: database {database['name']}, run #{run['run_id']}",
        verdict=summary["verdict"],
        headline=_headline(report),
        key_numbers=_key_numbers(report),
        sections=sections,
        footer=[t(f"Generated {when(report['generated']['at'])} by "
                  f"{report['generated']['by']} with pgscrub "
                  f"{report['generated']['pgscrub_version']}. Rule set SHA-256: "),
                t(run["rules_sha256"] or "not recorded", "code"),
                t(". Example values are masked (after) or partially hidden (before); "
                  "this report contains no original personal data.")],
    )


# ---- words -----------------------------------------------------------------------------

def when(iso: str | None) -> str:
    if not iso:
        return "-"
    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{moment:%Y-%m-%d %H:%M:%S} {zone}"


def count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 60:
        return f"{value:.1f} s"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest:02d} s"


def qualified(row: dict) -> str:
    return f"{row['schema']}.{row['table']}.{row['column']}"


def pattern(finding: dict) -> str:
    where = {
        "value": "whole value",
        "text": "inside free text",
        "json": "inside JSON",
        "array": "in array elements",
        "xml": "inside XML text",
        "name": "column name only (values do not confirm)",
    }.get(finding["found_in"], finding["found_in"])
    paths = f" at {', '.join(finding['json_paths'])}" if finding["json_paths"] else ""
    return f"{finding['detector']} ({where}{paths})"


def confidence(finding: dict) -> str:
    percent = round(finding["confidence"] * 100)
    return f"{percent}% of samples ({finding['matched']:,}/{finding['sampled']:,})"


def status_cell(status: str | None) -> Cell:
    if status == "MISSED":
        return [t("MISSED", "missed")]
    if status == "Clean":
        return [t("Clean", "clean")]
    return [t("not validated", "unvalidated")]


def _headline(report: dict) -> Cell:
    summary = report["summary"]
    verdict = summary["verdict"]
    if verdict == "missed":
        return [t("MISSED", "missed"),
                t(f": real personal data remains in {counted(summary['columns_missed'], 'column')} "
                  f"({counted(summary['real_pii_remaining'], 'value')}). Staging must stay locked "
                  "until these columns are masked and a new run validates clean.")]
    if verdict == "failed":
        return [t("FAILED", "missed"),
                t(": the masking run stopped before it finished"
                  + (f" ({report['run']['error']})" if report["run"]["error"] else "")
                  + ". Resume it, then validate.")]
    if verdict == "not_validated":
        what = (f"{counted(summary['columns_not_validated'], 'column')} with personal data or "
                "rules not checked by this run's validation" if summary["columns_validated"]
                else "this run has no validation result")
        return [t("NOT VALIDATED", "unvalidated"),
                t(f": {what}. Run the validation (pgscrub validate) before relying on this copy.")]
    return [t("CLEAN", "clean"),
            t(f": validation checked {count(summary['columns_validated'])} columns against "
              "the original values and found no real personal data remaining.")]


def _key_numbers(report: dict) -> Facts:
    summary, run, database = report["summary"], report["run"], report["database"]
    return Facts("key-numbers", [
        ("Database", [t(database["name"], "code"), t(f", PostgreSQL {database['server_version'].split()[0]}")]),
        ("Run", [t(f"#{run['run_id']} ({run['status']}), {when(run['started_at'])}")]),
        ("Columns with personal data", [t(f"{summary['pii_columns']} in {counted(summary['pii_tables'], 'table')}")]),
        ("Columns validated", [t(count(summary["columns_validated"]))]),
        ("Columns MISSED", [t(count(summary["columns_missed"]),
                              "missed" if summary["columns_missed"] else "clean")]),
        ("Staging gate", [t(summary["gate"]),
                          t(f", {counted(summary['pending_columns'], 'unclassified new column')}"
                            if summary["pending_columns"] else "")]),
    ])


# ---- sections --------------------------------------------------------------------------

def _missed_section(missed: list[dict]) -> Section:
    rows = [[[t(qualified(c), "code")], [t(count(c["real_pii_remaining"]))],
             [t(", ".join(c["detectors"]) or "-")], [t(", ".join(c["strategies"]) or "no rule")],
             [t(c["reason"] or "-")]] for c in missed]
    return Section("missed", "Columns where real personal data remains", [
        Paragraph([t("These columns still hold original personal data after masking. "
                     "Add or fix their rules, run again, and keep staging locked until then.")]),
        Table("missed-columns", ["Column", "Real PII remaining", "Found", "Rule", "Reason"],
              rows, numeric=frozenset({1}), row_styles=["missed"] * len(rows)),
    ])


def _run_section(report: dict) -> Section:
    run, database = report["run"], report["database"]
    facts = Facts("run-metadata", [
        ("Database", [t(database["name"], "code")]),
        ("Server", [t(database["server_version_full"])]),
        ("pgscrub", [t(f"{run['pgscrub_version']} (run); {database['pgscrub_installed_version']} "
                       f"installed {when(database['installed_at'])}")]),
        ("Rule set SHA-256", [t(run["rules_sha256"] or "not recorded", "code")]),
        ("Run by", [t(run["run_by"]), t(f" via {run['client']}" if run["client"] else "")]),
        ("Started", [t(when(run["started_at"]))]),
        ("Finished", [t(when(run["finished_at"]))]),
        ("Duration", [t(seconds(run["seconds"]))]),
        ("Status", [t(run["status"])]),
        ("Mode", [t(f"{run['mode']}, batches of {count(run['batch_size'])} rows")]),
        ("Rows processed", [t(count(run["rows_processed"]))]),
    ] + ([("Error", [t(run["error"], "missed")])] if run["error"] else []))
    steps = Table("run-steps", ["Step", "Seconds"],
                  [[[t(s["name"])], [t("-" if s["seconds"] is None else f"{s['seconds']:,.1f}")]]
                   for s in run["steps"]],
                  numeric=frozenset({1}), empty="No step timings recorded.")
    tables = Table("run-tables", ["Table", "Status", "Method", "Rows", "Seconds"],
                   [[[t(f"{r['schema']}.{r['table']}", "code")],
                     [t(r["status"], "missed" if r["status"] == "failed" else None)]
                     + ([BR, t(r["error"], "muted")] if r["error"] else []),
                     [t(r["method"] or "-")] + ([BR, t(r["method_reason"], "muted")] if r["method_reason"] else []),
                     [t(f"{count(r['rows_done'])} of {count(r['rows_total'])}")],
                     [t("-" if r["seconds"] is None else f"{r['seconds']:,.1f}")]]
                    for r in run["tables"]],
                   numeric=frozenset({3, 4}), empty="No table was masked in this run.")
    return Section("run", "Run", [facts, Paragraph([t("Seconds per step", "strong")]), steps,
                                  Paragraph([t("Tables masked, in foreign-key order", "strong")]),
                                  tables])


def _findings_section(findings: dict) -> Section:
    blocks: list = [_pii_chart(findings)]
    labels = {"HIGH": "HIGH: must be masked", "MEDIUM": "MEDIUM: review",
              "LOW": "LOW: no personal data"}
    for group in findings["groups"]:
        level = group["sensitivity"]
        blocks.append(Paragraph([t(labels[level], "strong"),
                                 t(f" ({len(group['findings'])} findings)" if group["findings"] else "")]))
        if level == "LOW" and not group["findings"]:
            continue
        blocks.append(Table(f"findings-{level.lower()}", ["Table.Column", "Type", "Pattern", "Confidence"],
                            [[[t(qualified(f), "code")], [t(f["column_type"])], [t(pattern(f))],
                              [t(confidence(f))]] for f in group["findings"]],
                            empty="No column at this level."))
    blocks.append(Paragraph([t(
        f"The scan classified {count(findings['columns_classified'])} columns: "
        f"{count(findings['columns_without_pii'])} hold no personal data"
        + (f", {count(findings['columns_skipped'])} could not be read" if findings["columns_skipped"] else "")
        + ".")]))
    return Section("findings", "Scan findings", blocks,
                   subtitle="What sampling the stored values found, by sensitivity.")


def _pii_chart(findings: dict) -> BarChart:
    per_table: dict[str, list[set]] = {}
    for group in findings["groups"]:
        if group["sensitivity"] == "LOW":
            continue
        index = 0 if group["sensitivity"] == "HIGH" else 1
        for f in group["findings"]:
            per_table.setdefault(f"{f['schema']}.{f['table']}", [set(), set()])[index].add(f["column"])
    # A column found HIGH by one detector and MEDIUM by another counts once, as HIGH.
    counts = {name: [len(high), len(medium - high)] for name, (high, medium) in per_table.items()}
    ordered = sorted(counts.items(), key=lambda item: (-sum(item[1]), item[0]))
    shown = ordered[:CHART_BARS]
    return BarChart("pii-chart", "Columns with personal data, per table",
                    [("HIGH", "high"), ("MEDIUM", "medium")], shown, len(ordered) - len(shown))


def _rules_section(rules: list[dict]) -> Section:
    rows, styles = [], []
    for rule in rules:
        target = [t(f"{rule['schema']}.{rule['table']}.{rule['column']}", "code")]
        if rule["json_path"]:
            target += [BR, t(rule["json_path"], "code")]
        strategy = [t(rule["strategy"], "strong")]
        if rule["params"]:
            strategy += [BR, t(", ".join(f"{k}={v}" for k, v in sorted(rule["params"].items())), "muted")]
        if rule["domain"]:
            strategy += [BR, t(f"domain {rule['domain']}", "muted")]
        examples: Cell = []
        for example in rule["examples"]:
            if examples:
                examples.append(BR)
            examples += [t("withheld: still holds personal data", "missed") if example["before_withheld"]
                         else t(example["before"] if example["before"] is not None else "NULL", "code"),
                         t(" → "),
                         t(example["after"] if example["after"] is not None else "NULL", "code")]
        review = ([t(f"{rule['origin']}, reviewed by {rule['reviewed_by'] or '?'}"),
                   BR, t(when(rule["reviewed_at"]), "muted")] if rule["reviewed"]
                  else [t(f"{rule['origin']}, "), t("not reviewed: not applied", "missed")])
        rows.append([target, strategy, [t(rule["sensitivity"])], examples or [t("-", "muted")], review])
        styles.append(None if rule["reviewed"] else "unvalidated")
    return Section("rules", "Masking rules", [
        Table("rules", ["Column", "Strategy", "Sensitivity", "Before → after (examples)", "Origin"],
              rows, row_styles=styles, empty="No rules.")],
        subtitle="Before values are partially hidden; after values are what staging holds now.")


def _validation_section(validation: dict) -> Section:
    columns = validation["columns"]
    detailed, others = [], []
    for c in columns:
        notable = (c["status"] != "Clean" or c["detectors"] or c["strategies"]
                   or c["real_pii_remaining"] or (c["previous"] or {}).get("status") == "MISSED")
        (detailed if notable else others).append(c)
    previous = validation["previous_run_id"]
    headers = ["Column", "Found", "Rule", "Rows checked", "Real PII remaining", "Status",
               f"Previous run #{previous}" if previous else "Previous run"]
    rows, styles = [], []
    for c in detailed:
        before = c["previous"]
        rows.append([
            [t(qualified(c), "code")] + ([BR, t(f"new column ({c['pending_change']}), unclassified", "missed")]
                                         if c["pending_change"] else []),
            [t(", ".join(c["detectors"]) or "-")],
            [t(", ".join(c["strategies"]) or "-")],
            [t(count(c["rows_checked"]))],
            [t(count(c["real_pii_remaining"]))],
            status_cell(c["status"]) + ([BR, t(c["reason"], "muted")] if c["reason"] else []),
            [t("-", "muted")] if before is None else
            status_cell(before["status"]) + [t(f" ({count(before['real_pii_remaining'])})")],
        ])
        styles.append({"MISSED": "missed", "Clean": None}.get(c["status"], "unvalidated"))
    blocks: list = [Table("validation", headers, rows, numeric=frozenset({3, 4}), row_styles=styles,
                          empty="This run has no validation result.")]
    if others:
        per_table: dict[str, list[str]] = {}
        for c in others:
            per_table.setdefault(f"{c['schema']}.{c['table']}", []).append(c["column"])
        blocks += [Paragraph([t(f"Also checked and Clean, no personal data found ({len(others)} columns)",
                                "strong")]),
                   Table("validation-other", ["Table", "Columns"],
                         [[[t(name, "code")], [t(", ".join(cols))]] for name, cols in per_table.items()])]
    return Section("validation", "Validation", blocks,
                   subtitle="Every column of every schema re-checked after masking against keyed "
                            "fingerprints of the original values. MISSED = real personal data remains.")


def _gate_section(gate: dict) -> Section:
    facts = Facts("gate-state", [
        ("State", [t(gate["state"], "strong")]),
        ("Since", [t(when(gate["changed_at"]))]),
        ("Changed by", [t(gate["changed_by"] or "-")]),
        ("Application roles", [t(", ".join(gate["app_roles"]) or "-")]),
    ])
    pending = Table("gate-pending", ["Column", "Type", "Change", "Detected"],
                    [[[t(qualified(p), "code")], [t(p["column_type"])],
                      [t(f"{p['change']} by {p['command_tag']}")], [t(when(p["detected_at"]))]]
                     for p in gate["pending_columns"]],
                    row_styles=["missed"] * len(gate["pending_columns"]),
                    empty="None: every column is classified.")
    events = Table("gate-events", ["When", "Event", "By", "Detail"],
                   [[[t(when(e["happened_at"]))], [t(e["event"], "missed" if e["event"] == "forced_unlock" else None)],
                     [t(e["actor"])],
                     [t(", ".join(f"{k}={v}" for k, v in sorted(e["detail"].items())) or "-")]]
                    for e in gate["events"]],
                   empty="No gate event during this run.")
    return Section("gate", "Staging gate", [
        facts, Paragraph([t("Unclassified new columns (they keep the gate locked)", "strong")]),
        pending, Paragraph([t("Gate events of this run", "strong")]), events])
