"""The report as JSON: the collected data as is, described by docs/report-schema.json."""

from __future__ import annotations

import json


def render(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
