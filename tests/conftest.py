"""Shared fixtures: the fixture site and the sample built once, small content folders, the dev
server; and one Nu Html Checker for the whole run."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from blog_core import validator
from sitebuild import (
    BLOG_SITE,
    FIXTURE_BUILD_MOMENT,
    SAMPLE_CONTENT,
    DevServer,
    build_site,
    copy_project,
    epoch,
    free_port,
    wait_for_http,
)


def pytest_configure(config):
    """One Nu Html Checker for every check of the run, started before the workers, which find
    it (and so do the publish commands the tests run) through $VNU_URL: about twenty checks
    would otherwise each start Java for a few seconds."""
    if hasattr(config, "workerinput") or os.environ.get("VNU_URL") or validator.missing_tools():
        return  # a worker, a run inside a run, or a machine without Java (invoke test says so)
    port = free_port()
    config.vnu_service = subprocess.Popen(
        ["java", "-cp", str(validator.jar_path()), "nu.validator.servlet.Main", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Not waited for here: the first check waits until it answers.
    os.environ["VNU_URL"] = f"http://127.0.0.1:{port}"


def pytest_unconfigure(config):
    service = getattr(config, "vnu_service", None)
    if service is not None:
        service.terminate()
        service.wait(timeout=30)
        del os.environ["VNU_URL"]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """tests/sites/blog, the site the code tests share, built once per test session with
    pelicanconf.py "on" FIXTURE_BUILD_MOMENT, so its weekly digests never depend on the clock."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(FIXTURE_BUILD_MOMENT))
        return build_site(tmp_path_factory.mktemp("fixture-site"), content=BLOG_SITE)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """Whatever is in content/, built once per test session with pelicanconf.py as `make serve`
    builds it, at the moment the tests run: for the smoke and browser tests, which hold for any
    content (an owner's articles dated after any fixed moment would be hidden)."""
    return build_site(tmp_path_factory.mktemp("sample-site"), content=SAMPLE_CONTENT)


@pytest.fixture
def small_content(tmp_path):
    """An empty content folder with the fixture site's pages, for tests that add their own
    articles."""
    content = tmp_path / "content"
    shutil.copytree(BLOG_SITE / "pages", content / "pages")
    (content / "articles").mkdir()
    return content


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory):
    """The README's dev server (`invoke livereload`) on a free port, over a copy of the project,
    for one module: its tests edit articles of their own, so they share it."""
    root = tmp_path_factory.mktemp("dev-server")
    project = copy_project(root / "project")
    port = free_port()
    log = open(root / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = DevServer(project, port, process, root / "server.log")
    try:
        wait_for_http(server.url + "/")
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
