"""The Nu Html Checker (vnu.jar, the W3C's validator): installed pinned, run once per check.

The jar comes from the npm registry's `vnu-jar` package, the checker's own release channel,
downloaded by Python and verified against its published SHA-512, so neither npm nor Node is
needed; it runs on the machine's Java (17 or later). Each check starts it once for all its
pages; with $VNU_URL naming a checker already running as a service (`java -cp vnu.jar
nu.validator.servlet.Main 8888`, as the test suite starts one for all its checks), the pages
are posted to it instead and no Java starts at all.
"""

import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

VNU_VERSION = "26.9.27"
VNU_TARBALL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VNU_VERSION}.tgz"
# The registry's `dist.integrity` of that version (npm view vnu-jar@26.9.27 dist.integrity).
VNU_SHA512 = (
    "TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
)
JAR_IN_TARBALL = "package/build/dist/vnu.jar"

JAVA_HELP = """Java non trovato: il validatore HTML (Nu Html Checker) ne ha bisogno.
Installalo (Debian/Ubuntu):  sudo apt-get install -y default-jre-headless"""


def jar_path():
    """Where the pinned jar lives: $VNU_JAR, else inside the virtual environment."""
    configured = os.environ.get("VNU_JAR")
    if configured:
        return Path(configured)
    return Path(sys.prefix) / "share" / "vnu" / f"vnu-{VNU_VERSION}.jar"


def install(destination=None):
    """Download the pinned vnu.jar, check its hash, put it at `destination`; return the path."""
    destination = Path(destination or jar_path())
    if destination.is_file():
        return destination
    with urllib.request.urlopen(VNU_TARBALL, timeout=300) as response:
        data = response.read()
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != VNU_SHA512:
        raise RuntimeError(f"{VNU_TARBALL}: SHA-512 {digest} is not the pinned {VNU_SHA512}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        jar = archive.extractfile(JAR_IN_TARBALL).read()
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".partial")
    partial.write_bytes(jar)
    partial.replace(destination)
    return destination


def missing_tools():
    """What the validator lacks on this machine, as instructions; None when it can run."""
    if os.environ.get("VNU_URL"):
        return None
    if shutil.which("java") is None:
        return JAVA_HELP
    if not jar_path().is_file():
        return (
            f"Il validatore HTML non è installato ({jar_path()}): make publish lo installa, "
            "oppure .venv/bin/invoke install-validator."
        )
    return None


def invalid_html(files, shown_from):
    """The checker's errors in `files`, one line each, `page:line: message`; one Java run.

    Paths are shown relative to `shown_from`, the site's folder.
    """
    files = [str(file) for file in files]
    if not files:
        return []
    missing = missing_tools()
    if missing:
        return [missing]
    if os.environ.get("VNU_URL"):
        with ThreadPoolExecutor(max_workers=4) as pool:
            found = pool.map(lambda file: (file, checked_by_service(file)), files)
            messages = [dict(message, path=file) for file, ms in found for message in ms]
        return problem_lines(messages, shown_from)
    result = subprocess.run(
        ["java", "-jar", str(jar_path()), "--errors-only", "--format", "json", "--stdout"] + files,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        return [f"il validatore HTML si è fermato ({result.returncode}): {result.stderr.strip()}"]
    return problem_lines(messages, shown_from)


def checked_by_service(file, patience=120):
    """The checker's error messages for one page, from the service at $VNU_URL.

    The service may still be starting (a few seconds of Java): wait for it, up to `patience`.
    """
    request = urllib.request.Request(
        os.environ["VNU_URL"].rstrip("/") + "/?out=json&level=error",
        data=Path(file).read_bytes(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    deadline = time.monotonic() + patience
    while True:
        try:
            with urllib.request.urlopen(request, timeout=patience) as response:
                return json.load(response)["messages"]
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionError) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def problem_lines(messages, shown_from):
    """`page:line: HTML non valido: …` for each of the checker's messages."""
    problems = []
    for message in messages:
        path = Path(message.get("path") or unquote(urlsplit(message.get("url", "")).path))
        try:
            shown = path.relative_to(shown_from).as_posix()
        except ValueError:
            shown = str(path)
        line = message.get("lastLine")
        place = f"{shown}:{line}" if line else shown
        problems.append(f"{place}: HTML non valido: {message.get('message', '').strip()}")
    return problems


if __name__ == "__main__":
    # `python -m blog_core.validator`: install the pinned jar (the Makefile's publish step).
    print(f"Nu Html Checker {VNU_VERSION}: {install()}")
