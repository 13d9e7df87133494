"""In CI a missing browser fails the browser tests: they must never be skipped silently."""

import os
import subprocess
import sys

from sitebuild import ROOT

ONE_BROWSER_TEST = "tests/browser/test_reader_journey.py::test_page_reads_without_javascript"


def run_browser_test_without_chromium(ci):
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["CHROMIUM_PATH"] = "/nessun/chromium"
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0"]
    command.append(ONE_BROWSER_TEST)
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)


def test_missing_browser_fails_in_ci():
    result = run_browser_test_without_chromium(ci=True)
    assert result.returncode == 1
    assert "1 error" in result.stdout and "Chromium is required in CI" in result.stdout


def test_missing_browser_skips_outside_ci():
    result = run_browser_test_without_chromium(ci=False)
    assert result.returncode == 0
    assert "1 skipped" in result.stdout
