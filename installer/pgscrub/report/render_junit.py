"""The validation as JUnit XML: one test case per validated column, MISSED = failure.

CI systems then show a column with real PII remaining as a failed test. A column with
findings or rules that this run did not validate fails too (type NOT_VALIDATED), and a
run without any validation result is one failed test: CI must never pass on no evidence.
ElementTree escapes text and attributes; characters XML 1.0 cannot carry are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(value) -> str:
    return NOT_XML.sub("\ufffd", "" if value is None else str(value))


def render(report: dict) -> str:
    run = report["run"]
    columns = report["validation"]["columns"]
    suite_name = f"pgscrub validation of {report['database']['name']}, run {run['run_id']}"
    failures = sum(1 for c in columns if c["status"] != "Clean") or (0 if columns else 1)
    suites = ET.Element("testsuites", name="pgscrub", tests=str(max(len(columns), 1)),
                        failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name=_x(suite_name), tests=str(max(len(columns), 1)),
                          failures=str(failures), errors="0", skipped="0",
                          timestamp=_x(run["finished_at"] or run["started_at"]))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("database", report["database"]["name"]), ("run_id", run["run_id"]),
                        ("run_status", run["status"]), ("rules_sha256", run["rules_sha256"]),
                        ("verdict", report["summary"]["verdict"])):
        ET.SubElement(properties, "property", name=name, value=_x(value))
    for column in columns:
        case = ET.SubElement(suite, "testcase", classname=_x(f"{column['schema']}.{column['table']}"),
                             name=_x(column["column"]))
        if column["status"] == "MISSED":
            failure = ET.SubElement(case, "failure", type="MISSED", message=_x(
                f"real PII remaining: {column['real_pii_remaining']} of {column['rows_checked']} rows"))
            failure.text = _x(column["reason"] or "")
        elif column["status"] is None:
            ET.SubElement(case, "failure", type="NOT_VALIDATED", message=_x(
                f"run {run['run_id']} did not validate this column"
                + (f" (found: {', '.join(column['detectors'])})" if column["detectors"] else "")))
        else:
            ET.SubElement(case, "system-out").text = _x(
                f"Clean: {column['rows_checked']} rows checked, no real PII remaining")
    if not columns:
        case = ET.SubElement(suite, "testcase", classname="pgscrub", name="validation")
        ET.SubElement(case, "failure", type="NOT_VALIDATED",
                      message=_x(f"run {run['run_id']} has no validation result"))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
