"""The HTML report in a real headless Chromium (Debian package chromium).

Chromium runs with a fresh profile and is driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: no port is opened). The page is loaded with JavaScript
disabled, as an auditor's locked-down viewer would; the test takes a screenshot, reads the
rendered tables, records console messages and every network request, checks that the page
fits the printable width of A4 and Letter, and prints it to PDF on both.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import support
from pgscrub import report
from test_report import ORIGINALS, create_user_tables, fill_catalog

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]
# Printable width with the report's @page side margins (12 mm each), in CSS pixels (96/in).
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
SIDE_MARGINS_IN = 24 / 25.4


class Chromium:
    """Headless Chromium spoken to with the DevTools protocol over fds 3 and 4."""

    def __init__(self, profile: Path, timeout: float = 60):
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the child's ends above 10 so that the shell's 3<& / 4>& cannot clobber them.
        child_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.stderr = open(profile / "stderr.txt", "w+")
        self.process = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{child_in} 4>&{child_out} {child_in}<&- {child_out}>&-',
             CHROMIUM, *FLAGS, f"--user-data-dir={profile / 'profile'}", "about:blank"],
            pass_fds=(child_in, child_out), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=self.stderr)
        os.close(child_in)
        os.close(child_out)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.buffer = b""
        self.deadline = time.monotonic() + timeout
        self.last_id = 0
        self.events: list[dict] = []

    def _message(self) -> dict:
        while b"\0" not in self.buffer:
            if time.monotonic() > self.deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = self.reader.read(1 << 16)
            if not chunk:
                self.stderr.seek(0)
                raise RuntimeError("Chromium closed the pipe:\n" + self.stderr.read()[-3000:])
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        while True:
            answer = self._message()
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict:
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            self.events.append(self._message())

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self.process.wait(timeout=20)
        except Exception:
            self.process.kill()
            self.process.wait()
        self.writer.close()
        self.reader.close()
        self.stderr.close()


@pytest.fixture
def chromium(tmp_path):
    if not Path(CHROMIUM).exists():
        message = "Chromium is missing: run scripts/ensure-system-packages (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    browser = Chromium(tmp_path)
    yield browser
    browser.close()


def open_page(browser: Chromium, url: str) -> str:
    target = browser.call("Target.createTarget", {"url": "about:blank"})
    session = browser.call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable", session=session)
    browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": 1100, "height": 1400, "deviceScaleFactor": 1, "mobile": False}, session=session)
    browser.call("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    return session


def evaluate(browser: Chromium, session: str, expression: str):
    result = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                          session=session)
    assert "exceptionDetails" not in result, result
    return result["result"]["value"]


TABLES_JS = """
Object.fromEntries([...document.querySelectorAll('table[id]')].map(t => [t.id,
  [...t.querySelectorAll('tbody tr')].map(r => [...r.cells].map(c => c.innerText.trim()))]))
"""


@pytest.fixture
def reports(db, tmp_path):
    with support.connect(db) as conn:
        create_user_tables(conn)
        runs = fill_catalog(conn)
        paths = {}
        for name, run in runs.items():
            paths[name] = tmp_path / f"report-{name}.html"
            report.write(conn, paths[name], run=run)
    return paths


@pytest.mark.parametrize("run", ["missed", "clean"])
def test_html_report_renders_in_chromium_without_errors_or_network(chromium, reports, run, tmp_path):
    page = reports[run]
    session = open_page(chromium, page.as_uri())
    shot = chromium.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                         session=session)
    png = base64.b64decode(shot["data"])
    (tmp_path / f"{run}.png").write_bytes(png)
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a real page, not a blank one
    artifacts = os.environ.get("PGSCRUB_TEST_ARTIFACTS")
    if artifacts:
        shutil.copy(tmp_path / f"{run}.png", Path(artifacts) / f"report-{run}.png")

    tables = evaluate(chromium, session, TABLES_JS)
    assert {"run-steps", "run-tables", "findings-high", "findings-medium", "rules", "validation",
            "gate-pending", "gate-events"} <= tables.keys()
    facts = evaluate(chromium, session, "[...document.querySelectorAll('dl#run-metadata dt')].map(e => e.innerText)")
    assert {"Database", "Server", "pgscrub", "Rule set SHA-256", "Run by", "Started",
            "Rows processed"} <= set(facts)
    visible = evaluate(chromium, session, """[...document.querySelectorAll('table, dl, svg')]
        .every(e => e.getBoundingClientRect().width > 100 && e.getBoundingClientRect().height > 10)""")
    assert visible
    assert any(row[0] == "public.customers.email" for row in tables["findings-high"])
    assert [row[0] for row in tables["gate-pending"]] == ["public.customers.backup_email"]
    validation = tables["validation"]
    statuses = [row[5].split("\n")[0] for row in validation]
    if run == "missed":
        assert validation[0][0] == "archive.email_logs.recipient" and statuses[0] == "MISSED"
        assert tables["missed-columns"][0][0] == "archive.email_logs.recipient"
        order = evaluate(chromium, session, "[...document.querySelectorAll('main > section')].map(s => s.id)")
        assert order[0] == "missed", order
    else:
        assert "MISSED" not in statuses and "missed-columns" not in tables
        recipient = next(row for row in validation if row[0] == "archive.email_logs.recipient")
        assert recipient[5] == "Clean" and recipient[6].startswith("MISSED")  # previous run beside
    chart_bars = evaluate(chromium, session, "document.querySelectorAll('#pii-chart rect').length")
    assert chart_bars >= 4

    text = evaluate(chromium, session, "document.body.innerText")
    for value in [v for values in ORIGINALS.values() for v in values]:
        assert value not in text

    problems = [e for e in chromium.events
                if e.get("method") in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown")
                or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] in ("error", "warning"))]
    assert problems == []
    requests = [e["params"]["request"]["url"] for e in chromium.events
                if e.get("method") == "Network.requestWillBeSent"]
    assert requests == [page.as_uri()]

    for paper, (width_in, height_in) in PAPERS.items():
        printable_px = round((width_in - SIDE_MARGINS_IN) * 96)
        chromium.call("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        chromium.call("Emulation.setDeviceMetricsOverride",
                      {"width": printable_px, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
                      session=session)
        overflow = evaluate(chromium, session,
                            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1], f"{paper}: the page is wider than the paper ({overflow})"
        pdf = base64.b64decode(chromium.call("Page.printToPDF", {
            "paperWidth": width_in, "paperHeight": height_in, "printBackground": True,
            "marginTop": 0, "marginBottom": 0, "marginLeft": 0, "marginRight": 0,
            "preferCSSPageSize": False}, session=session)["data"])
        assert pdf.startswith(b"%PDF-")
        pages = re.findall(rb"/MediaBox\s*\[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
        assert len(pages) >= 2, f"{paper}: {len(pages)} pages"
        assert all(abs(float(w) - width_in * 72) < 1.5 and abs(float(h) - height_in * 72) < 1.5
                   for w, h in pages), (paper, set(pages))
        (tmp_path / f"{run}-{paper}.pdf").write_bytes(pdf)
