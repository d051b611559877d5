"""schemathesis against /api/v1/openapi.json, reads and writes with an editor's key: no 5xx, and every
answer as its description says. A short run here; `bench/schemathesis_run.py` runs longer ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.schemathesis
@pytest.mark.slow
def test_schemathesis_finds_nothing(tmp_path):
    examples = os.environ.get("SHOWCASE_SCHEMATHESIS_EXAMPLES", "5")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "schemathesis_run.py"), "--max-examples", examples, "--seed", "2015"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    report = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, report
    assert " passed" in result.stdout and "failures" not in result.stdout.split("SUMMARY")[-1], report
