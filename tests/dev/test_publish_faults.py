"""`invoke publish` when the machine fails: a full disk, a read-only output/, output/ being a
mount point (a container volume), Ctrl+C. Each ends with one Italian line, an exit code that is
not 0, no traceback, and output/ byte for byte as before (or, for a mount point, the new site).

Real where the machine allows it: we run as root, where mount(8) usually works, so a full disk
is a small tmpfs, a read-only output/ a read-only bind mount (root ignores chmod), a volume a
tmpfs mounted on output/. Where mount is refused (a container without CAP_SYS_ADMIN) each fault
is simulated instead, never skipped: tests/dev/fault_injection/sitecustomize.py makes a write
raise ENOSPC or EROFS and os.path.ismount say True, in every process of the publish. Ctrl+C is
always real: SIGINT to the publish's process group, as a terminal sends it.
PUBLISH_FAULTS_SIMULATE=1 forces the simulated way, to check it on a machine that mounts.
"""

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from publishable import write_publishable_site

from publishing import INCOMING, ctrl_c_held, exchange_contents, swap_into_place
from sitebuild import copy_project, file_hashes, run_module, write_article

FAULT_INJECTION = Path(__file__).parent / "fault_injection"
UNTOUCHED = "output/ non è stato toccato: il sito pubblicato resta quello di prima."


def mount_works():
    with tempfile.TemporaryDirectory() as folder:
        tried = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder],
            capture_output=True,
            check=False,
        )
        if tried.returncode != 0:
            return False
        subprocess.run(["umount", folder], check=True)
        return True


SIMULATED = os.environ.get("PUBLISH_FAULTS_SIMULATE") == "1" or not mount_works()


class Machine:
    """The faults one test sets up, real (mounts, undone at the end) or simulated (the
    environment of the publish)."""

    def __init__(self):
        self.mounts = []
        self.env = {}

    def mount(self, *arguments):
        subprocess.run(["mount", *arguments], check=True)
        if not any(option.startswith("remount") for option in arguments):
            self.mounts.append(arguments[-1])

    def simulate(self, code, folder, spared=0):
        self.env["PUBLISH_TEST_FAULT"] = f"{code}:{folder}:{spared}"

    def volume(self, output, size):
        """output/ becomes a mount point of `size` bytes, holding what it held."""
        if SIMULATED:
            self.env["PUBLISH_TEST_MOUNT_POINT"] = str(output)
            return
        held = shutil.move(output, output.with_name("held"))
        output.mkdir()
        self.mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(output))
        for entry in Path(held).iterdir():
            shutil.move(entry, output / entry.name)
        Path(held).rmdir()

    def run(self, project, *command):
        env = {**os.environ, **self.env}
        if self.env:
            env["PYTHONPATH"] = os.pathsep.join(
                filter(None, [str(FAULT_INJECTION), env.get("PYTHONPATH")])
            )
        result = subprocess.run(
            [sys.executable, "-m", "invoke", *command],
            cwd=project,
            capture_output=True,
            text=True,
            env={**env, "COLUMNS": "1000"},
            check=False,
        )
        return result.returncode, result.stdout + result.stderr

    def undo(self):
        for point in reversed(self.mounts):
            subprocess.run(["umount", "--lazy", point], check=False)


@pytest.fixture
def machine():
    faults = Machine()
    yield faults
    faults.undo()


@pytest.fixture(scope="module")
def published_once(tmp_path_factory):
    """A small project published once: each test gets a copy, with its site to keep."""
    root = tmp_path_factory.mktemp("faults")
    project = copy_project(root / "project", content=write_publishable_site(root / "content"))
    result = run_module("invoke", "publish", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def published(published_once, tmp_path):
    return shutil.copytree(published_once, tmp_path / "project")


def last_line(messages):
    return messages.strip().splitlines()[-1]


def leftovers(project):
    names = [p.name for p in project.iterdir() if "output" in p.name and p.name != "output"]
    return names + [p.name for p in (project / "output").iterdir() if p.name.startswith(".")]


def test_a_full_disk_while_building_leaves_the_site_as_it_was(published, tmp_path, machine):
    if SIMULATED:
        project = published
        machine.simulate(errno.ENOSPC, project / ".output-staging", spared=3)
    else:
        # The project on a small disk, full but for 100 kB: the build needs more.
        disk = tmp_path / "disk"
        disk.mkdir()
        machine.mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk))
        project = shutil.copytree(published, disk / "project")
        free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
        (disk / "filler").write_bytes(b"0" * (free - 100 * 1024))
    before = file_hashes(project / "output")
    write_article(project / "content", "novita.md", title="Una novità")
    code, messages = machine.run(project, "publish")
    assert code == 1, messages
    assert last_line(messages).startswith("Spazio su disco esaurito mentre scrivevo ")
    assert last_line(messages).endswith(f": libera spazio e rilancia. {UNTOUCHED}")
    assert "Traceback" not in messages and "Errno" not in messages
    assert file_hashes(project / "output") == before
    assert leftovers(project) == []
    # The development build says the same in one line, with no traceback either.
    if SIMULATED:
        machine.simulate(errno.ENOSPC, project / "anteprima", spared=3)
    code, messages = machine.run(project, "build")
    assert code == 1, messages
    assert last_line(messages).startswith("Spazio su disco esaurito mentre scrivevo ")
    assert last_line(messages).endswith(": libera spazio e rilancia.")
    assert "Traceback" not in messages


def test_a_read_only_output_is_refused_before_building(published, machine):
    output = published / "output"
    if SIMULATED:
        machine.simulate(errno.EROFS, output)
    else:
        machine.mount("--bind", str(output), str(output))
        machine.mount("-o", "remount,bind,ro", str(output))
    before = file_hashes(output)
    code, messages = machine.run(published, "publish")
    assert code == 1, messages
    assert messages.strip() == (
        "output/ è su un disco in sola lettura: rendilo scrivibile (un volume di un container "
        f"va montato senza :ro) e rilancia. {UNTOUCHED}"
    )
    assert file_hashes(output) == before
    assert leftovers(published) == []


def test_a_mount_point_gets_the_new_site_in_place_of_the_old(published, machine):
    output = published / "output"
    machine.volume(output, "8m")
    (output / "vecchia-pagina.html").write_text("<p>Tolta</p>", encoding="utf-8")
    write_article(published / "content", "novita.md", title="Una novità")
    code, messages = machine.run(published, "publish")
    assert code == 0, messages
    assert "Pubblicato in output/" in messages
    assert SIMULATED or os.path.ismount(output)
    assert (output / "una-novita" / "index.html").is_file()
    assert not (output / "vecchia-pagina.html").exists()
    assert leftovers(published) == []


def test_a_full_volume_during_the_swap_keeps_the_old_site(published, machine):
    output = published / "output"
    # Room for the old site and a little more, not for a second copy.
    used = sum(max(4096, p.stat().st_size) for p in output.rglob("*") if p.is_file())
    machine.volume(output, used + 64 * 1024)
    if SIMULATED:
        machine.simulate(errno.ENOSPC, output / INCOMING, spared=5)
    before = file_hashes(output)
    write_article(published / "content", "novita.md", title="Una novità")
    code, messages = machine.run(published, "publish")
    assert code == 1, messages
    assert last_line(messages) == (
        "Spazio su disco esaurito mentre scrivevo output/ (durante lo scambio un volume "
        f"contiene due copie del sito): libera spazio e rilancia. {UNTOUCHED}"
    )
    assert "Traceback" not in messages
    assert file_hashes(output) == before
    assert leftovers(published) == []


PAUSE_PLUGIN = '''
"""For a test: once the build has written its first file, say so and wait to be stopped."""
import os
import time
from pathlib import Path

from pelican import signals


def pause(path, context):
    Path(os.environ["PAUSE_MARKER"]).touch()
    time.sleep(60)


def register():
    signals.content_written.connect(pause)
'''


def test_ctrl_c_while_building_stops_cleanly(published):
    (published / "plugins" / "pause_build").mkdir()
    (published / "plugins" / "pause_build" / "__init__.py").write_text(PAUSE_PLUGIN)
    with (published / "publishconf.py").open("a") as settings:
        settings.write('\nPLUGINS = [*PLUGINS, "pause_build"]\n')
    marker = published / "building"
    before = file_hashes(published / "output")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "publish"],
        cwd=published,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PAUSE_MARKER": str(marker), "COLUMNS": "1000"},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), process.communicate()[0]
        assert (published / ".output-staging").is_dir()  # caught half-way through the build
        os.killpg(process.pid, signal.SIGINT)
        messages, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, messages
    assert messages.strip() == f"Pubblicazione interrotta (Ctrl+C). {UNTOUCHED}"
    assert file_hashes(published / "output") == before
    assert leftovers(published) == []


def site(folder, files):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def texts(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("fault", [OSError(errno.EIO, "I/O error"), KeyboardInterrupt()])
def test_a_failure_half_way_through_a_mount_point_exchange_puts_every_entry_back(
    tmp_path, monkeypatch, fault
):
    old = {"index.html": "vecchia home", "a/index.html": "A", "tolta.html": "tolta"}
    output = site(tmp_path / "output", old)
    staging = site(
        tmp_path / "staging", {"index.html": "nuova", "a/index.html": "A2", "b.html": "B"}
    )
    real_rename, renames = Path.rename, []

    def rename_then_fail(self, target):
        # The third rename of the exchange fails: two entries are already new.
        renames.append(self)
        if len(renames) == 3:
            raise fault
        return real_rename(self, target)

    monkeypatch.setattr("publishing.exchange", lambda first, second: False)  # no RENAME_EXCHANGE
    monkeypatch.setattr(Path, "rename", rename_then_fail)
    with pytest.raises(type(fault)):
        exchange_contents(staging, output)
    monkeypatch.undo()
    assert texts(output) == old
    assert sorted(p.name for p in output.iterdir()) == ["a", "index.html", "tolta.html"]


def test_a_mount_point_the_kernel_refuses_to_rename_gets_its_contents_exchanged(
    tmp_path, monkeypatch
):
    # A bind mount of a folder of the same disk, which os.path.ismount does not see: EBUSY.
    output = site(tmp_path / "output", {"index.html": "vecchia"})
    staging = site(tmp_path / "staging", {"index.html": "nuova", "b.html": "B"})
    import publishing

    real_exchange = publishing.exchange

    def busy_output(first, second):
        if Path(second) == output:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(second))
        return real_exchange(first, second)

    monkeypatch.setattr(publishing, "exchange", busy_output)
    swap_into_place(staging, output)
    assert texts(output) == {"index.html": "nuova", "b.html": "B"}
    assert not staging.exists()


def test_ctrl_c_during_the_swap_waits_for_its_end():
    with ctrl_c_held() as interrupted:
        os.kill(os.getpid(), signal.SIGINT)  # no KeyboardInterrupt in the middle of the block
        assert interrupted
    with pytest.raises(KeyboardInterrupt):  # and Ctrl+C works as before once it ends
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
