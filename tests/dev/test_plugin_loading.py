"""Plugins load in any order, and a plugin that does not load stops every build, naming it.

Real `pelican` commands in a copy of the project, in a process whose import path is only what
the settings give it (the test suite's own path puts plugins/ on it, which would hide a plugin
that finds the core only because another plugin loaded it first).
"""

import os
import subprocess
import sys

import pytest
from publishable import write_publishable_site

from sitebuild import copy_project

SETTINGS = """\
import os, sys
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from {base} import *  # noqa: F403
PLUGINS = {plugins}
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("plugins")
    return copy_project(root / "project", content=write_publishable_site(root / "content"))


def build(project, tmp_path, base, change):
    """`pelican -s` with PLUGINS from `base`'s settings changed by `change`."""
    from pelican.settings import read_settings

    plugins = change(list(read_settings(str(project / f"{base}.py"))["PLUGINS"]))
    settings = project / f"{base}_{tmp_path.name}.py"
    settings.write_text(SETTINGS.format(base=base, plugins=plugins), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    output = tmp_path / "output"
    command = ["-m", "pelican", "-s", settings.name, "-o", str(output), "--log-handler", "plain"]
    result = subprocess.run(
        [sys.executable, *command], cwd=project, env=env, capture_output=True, text=True
    )
    return result.returncode, result.stdout + result.stderr, output


@pytest.mark.parametrize("base", ["pelicanconf", "publishconf"])
def test_plugins_in_reverse_order_build_the_same_checked_site(project, tmp_path, base):
    code, log, output = build(project, tmp_path, base, lambda plugins: plugins[::-1])
    assert code == 0, log
    assert "Cannot load plugin" not in log
    article = (output / "le-foto-del-banco" / "index.html").read_text(encoding="utf-8")
    # Each plugin did its part: bios, reading time, the signup form, Italian dates.
    assert "author-box__role" in article
    assert "min di lettura" in article
    assert "newsletter-signup" in article
    assert "13 novembre 2026" in article


@pytest.mark.parametrize("base", ["pelicanconf", "publishconf"])
def test_a_misspelt_plugin_stops_the_build_naming_it(project, tmp_path, base):
    def misspell(plugins):
        return [name if name != "related_articles" else "relatd_articles" for name in plugins]

    code, log, output = build(project, tmp_path, base, misspell)
    assert code == 1, log
    assert (
        "Costruzione fermata: il plugin «relatd_articles», elencato in PLUGINS, non si carica "
        "(il motivo è nel messaggio qui sopra). Forse intendevi «related_articles»?"
    ) in log
    assert "Traceback" not in log
    assert not output.exists()


def test_a_plugin_that_breaks_while_loading_stops_the_build_naming_it(project, tmp_path):
    broken = project / "plugins" / "rotto"
    broken.mkdir(exist_ok=True)
    (broken / "__init__.py").write_text("import modulo_che_non_esiste\n", encoding="utf-8")
    code, log, _ = build(project, tmp_path, "pelicanconf", lambda plugins: [*plugins, "rotto"])
    assert code == 1, log
    assert "No module named 'modulo_che_non_esiste'" in log
    assert "il plugin «rotto», elencato in PLUGINS, non si carica" in log
