"""The audit report of a run: HTML, Markdown or JSON by the file's extension, JUnit XML beside.

    write(conn, "report.html", run="latest", junit="validation.xml")

collect.py reads the catalog (one snapshot); document.py turns it into sections an auditor
reads; one render_* module per format. See docs/report.md.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import psycopg

from pgscrub.errors import PgscrubError
from pgscrub.report import document, render_html, render_json, render_junit, render_markdown
from pgscrub.report.collect import collect

FORMATS = {
    ".html": lambda report: render_html.render(document.build(report)),
    ".htm": lambda report: render_html.render(document.build(report)),
    ".md": lambda report: render_markdown.render(document.build(report)),
    ".markdown": lambda report: render_markdown.render(document.build(report)),
    ".json": render_json.render,
}


def write(conn: psycopg.Connection, path: str | os.PathLike | None, *, run: str | int = "latest",
          junit: str | os.PathLike | None = None) -> dict:
    """Write the report of `run` to `path` (format from its extension) and, if given, JUnit XML.

    Returns the report's summary (verdict, counts). Each file is written whole or not at all.
    """
    if path is None and junit is None:
        raise PgscrubError("nothing to write", "give -o FILE.html|.md|.json and/or --junit FILE.xml")
    renderer = None
    if path is not None:
        renderer = FORMATS.get(Path(path).suffix.lower())
        if renderer is None:
            raise PgscrubError(f"cannot tell the report format from the file name {os.fspath(path)!r}",
                               "end it with .html, .md or .json")
    report = collect(conn, run)
    if path is not None:
        _write_whole(Path(path), renderer(report))
    if junit is not None:
        _write_whole(Path(junit), render_junit.render(report))
    return {"run_id": report["run"]["run_id"], **report["summary"]}


def _write_whole(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: never half a report."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise PgscrubError(f"the directory {os.fspath(directory)!r} does not exist",
                           "create it first, or write the report elsewhere")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
