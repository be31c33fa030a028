"""`pgscrub demo` end to end: the real CLI, a throwaway cluster, the two weeks of the story."""

from __future__ import annotations

import pytest

import support

@pytest.mark.slow
def test_demo_tells_the_story_missed_then_clean(tmp_path):
    result = support.cli("demo", "--scale", "0.002", "--reports", str(tmp_path), secret=None)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    output = result.stdout
    assert "DEMO secret" in output and "never use it on real data" in output
    assert "HIGH" in output                                    # the scan table
    week1, week2 = output.split("week 2:", 1)
    assert "messaging.email_logs.recipient" in week1 and "MISSED" in week1
    assert "clean, zero real PII left" in week2
    assert (tmp_path / "pgscrub-demo-staging_week1.html").is_file()
    assert (tmp_path / "pgscrub-demo-staging_week2.html").is_file()


def test_demo_refuses_a_scale_out_of_range():
    result = support.cli("demo", "--scale", "0", secret=None)
    assert result.returncode == 2 and "scale" in result.stderr.lower()
