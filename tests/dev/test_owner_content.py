"""The proof that the tests check the code, not the sample: in a copy of the project whose
content/ is an owner's own small site (tests/sites/owner: 3 articles, 1 author with a bio,
1 category, no sample file), the smoke and browser tests pass."""

import os
import shutil
import subprocess
import sys

import pytest

from sitebuild import OWNER_SITE, ROOT, copy_project

# Set for the run inside the copy: the copy holds this file too, and must not copy itself again.
INSIDE_THE_COPY = "BOTTEGA_OWNER_CONTENT_COPY"

pytestmark = pytest.mark.skipif(
    os.environ.get(INSIDE_THE_COPY) == "1", reason="already running in a copy with owner content"
)


def test_smoke_and_browser_tests_pass_with_an_owners_own_content(tmp_path):
    project = copy_project(tmp_path / "project", content=OWNER_SITE)
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    assert sorted(p.name for p in (project / "content" / "articles").iterdir()) == sorted(
        p.name for p in (OWNER_SITE / "articles").iterdir()
    )
    # This run's own pytest and xdist variables stay out; CHROMIUM_PATH and CI go through, so a
    # missing browser fails in CI as it would in the real suite.
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    env[INSIDE_THE_COPY] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/smoke", "tests/browser"]
        # One process: this run's workers already keep both cores busy.
        + ["-p", "no:cacheprovider", "-q", "-n", "0"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert " passed" in result.stdout.splitlines()[-1], report
