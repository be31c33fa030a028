"""Alerts when staging stays locked: anon.gate_alert (a gate event and NOTIFY anon_alerts with
a JSON payload) and, optionally, a Slack-style webhook POST of the same payload.

Payloads name databases, tables and columns and count values; they never carry a value.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import psycopg

WEBHOOK_ENV = "PGSCRUB_WEBHOOK_URL"


def raise_alert(conn: psycopg.Connection, event: str, run_id: int | None, detail: dict) -> dict:
    """Record the alert and NOTIFY anon_alerts; returns the payload that was sent."""
    with conn.transaction():
        return conn.execute("SELECT anon.gate_alert(%s, %s, %s::jsonb)",
                            (event, run_id, json.dumps(detail))).fetchone()[0]


def latest_alert(conn: psycopg.Connection, run_id: int) -> dict | None:
    """The last alert recorded for a run (anon.validate raises one when it finds PII)."""
    row = conn.execute("SELECT detail FROM anon.gate_events WHERE event = 'alert' AND run_id = %s "
                       "ORDER BY happened_at DESC LIMIT 1", (run_id,)).fetchone()
    return row[0] if row else None


def summary(payload: dict) -> str:
    """One line for humans (the webhook's `text`)."""
    database = payload.get("database", "?")
    run = f" (run {payload['run_id']})" if payload.get("run_id") is not None else ""
    gate = f"; staging stays {payload['gate']}" if payload.get("gate") else ""
    if payload.get("event") == "validation_missed":
        columns = payload.get("columns") or []
        named = ", ".join(f"{c['table']}.{c['column']}" for c in columns[:5])
        more = len(columns) - 5 + payload.get("columns_left_out", 0)
        return (f":rotating_light: pgscrub: validation of {database}{run} MISSED "
                f"{payload.get('missed_columns', len(columns))} column(s), "
                f"{payload.get('real_pii_remaining', 0)} real PII value(s) remaining: {named}"
                + (f" and {more} more" if more > 0 else "") + gate)
    step = f" at step {payload['step']}" if payload.get("step") else ""
    error = f": {payload['error']}" if payload.get("error") else ""
    return f":rotating_light: pgscrub: {payload.get('event', 'alert')} on {database}{run}{step}{error}{gate}"


def webhook_url(explicit: str | None) -> str | None:
    return explicit or os.environ.get(WEBHOOK_ENV) or None


def post_webhook(url: str, payload: dict, *, timeout: float = 10.0) -> None:
    """POST a Slack-style message ({"text": ...}) with the full payload under "pgscrub".

    Raises OSError (urllib) when the endpoint cannot be reached or answers with an error.
    """
    body = json.dumps({"text": summary(payload), "pgscrub": payload}).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": "pgscrub"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
