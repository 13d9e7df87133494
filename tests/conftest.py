"""Shared fixtures: the sample site built once, small content folders, the dev server."""

import os
import shutil
import signal
import subprocess
import sys

import pytest

from sitebuild import (
    SAMPLE_BUILD_MOMENT,
    SAMPLE_CONTENT,
    DevServer,
    build_site,
    copy_project,
    epoch,
    free_port,
    wait_for_http,
)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample site, built once per test session with pelicanconf.py."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(SAMPLE_BUILD_MOMENT))
        return build_site(tmp_path_factory.mktemp("sample-site"))


@pytest.fixture
def small_content(tmp_path):
    """An empty content folder with the sample pages, for tests that add their own articles."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT / "pages", content / "pages")
    (content / "articles").mkdir()
    return content


@pytest.fixture
def dev_server(tmp_path):
    """The README's dev server (`invoke livereload`) on a free port, over a copy of the project."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = DevServer(project, port, process)
    try:
        wait_for_http(server.url + "/")
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
