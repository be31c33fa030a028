"""Plain-text rendering shared by several commands."""

from __future__ import annotations


def status_lines(info: dict) -> list[str]:
    if info.get("installed_version") is None:
        return [f"database:  {info['database']} (PostgreSQL {info['server_version']})",
                f"pgscrub:   not installed (this pgscrub is {info['package_version']}); "
                "run pgscrub install"]
    last = info.get("last_run")
    last_text = "never" if last is None else (
        f"#{last['run_id']} {last['status']} (started {last['started_at']})")
    return [
        f"database:  {info['database']} (PostgreSQL {info['server_version']})",
        f"pgscrub:   {info['installed_version']} installed {info['installed_at']}"
        + ("" if info['installed_version'] == info['package_version']
           else f" (this pgscrub is {info['package_version']}: run pgscrub upgrade)"),
        f"rules:     {info['rules']} ({info['rules_reviewed']} reviewed)",
        f"last run:  {last_text}",
        f"gate:      {info['gate']}" + (f" since {info['gate_changed_at']}" if info.get('gate_changed_at') else ""),
        f"watcher:   {'on' if info['watcher_installed'] else 'off (needs superuser)'}",
    ]
