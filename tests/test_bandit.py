"""Bandit finds nothing of medium severity or more in the code (``make lint`` runs the same scan):
a finding is fixed, or marked where it stands with the reason it is safe (issue 16, finding 5)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCANNED = ["ttdn", "press", "delegations", "ngos", "conferences", "outbound"]


def test_bandit_finds_nothing_of_medium_severity_or_more(tmp_path: Path) -> None:
    if importlib.util.find_spec("bandit") is None:
        pytest.fail("bandit is not installed: `make install` installs the locked dependencies")
    report = tmp_path / "bandit.json"
    command = [sys.executable, "-m", "bandit", "--quiet", "--severity-level", "medium", "-r", *SCANNED]
    scan = subprocess.run(
        [*command, "--format", "json", "--output", str(report)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.exists(), scan.stderr
    found = json.loads(report.read_text())
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} ({r['issue_severity']}): {r['issue_text']}"
        for r in found["results"]
    ]
    assert findings == [], "\n".join(findings)
    assert found["errors"] == [], found["errors"]
    assert scan.returncode == 0, scan.stderr
