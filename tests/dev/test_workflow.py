"""The GitHub workflows: valid, audited; deploy.yml runs the README's test command and publishes
on time, comments.yml copies approved comments from the comment server and starts it."""

import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from sitebuild import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
COMMENTS_WORKFLOW = ROOT / ".github" / "workflows" / "comments.yml"
WORKFLOWS = pytest.mark.parametrize(
    "workflow_file", [WORKFLOW, COMMENTS_WORKFLOW], ids=lambda p: p.name
)
ROME = ZoneInfo("Europe/Rome")
TOOLS = Path(sys.executable).parent


def workflow(path=WORKFLOW):
    # PyYAML reads the `on:` key as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True)
    return data


def steps(job, path=WORKFLOW):
    return workflow(path)["jobs"][job]["steps"]


@WORKFLOWS
def test_the_workflow_passes_the_github_workflow_schema(workflow_file):
    result = subprocess.run(
        [TOOLS / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow_file],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@WORKFLOWS
def test_zizmor_finds_nothing_even_in_pedantic_mode(workflow_file):
    result = subprocess.run(
        [TOOLS / "zizmor", "--offline", "--persona=pedantic", "--format=json", workflow_file],
        capture_output=True,
        text=True,
    )
    assert json.loads(result.stdout) == [], result.stdout
    assert result.returncode == 0, result.stderr


@WORKFLOWS
def test_every_action_is_pinned_to_a_full_commit(workflow_file):
    jobs = workflow(workflow_file)["jobs"]
    uses = [step["uses"] for job in jobs for step in steps(job, workflow_file) if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action


def test_ci_runs_the_test_command_a_new_user_reads_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme_command = re.search(r"^(make test)\b", readme, re.MULTILINE).group(1)
    commands = [step.get("run") for step in steps("build")]
    assert readme_command in commands
    assert "make publish" in commands
    assert workflow()["jobs"]["build"]["env"]["CI"] == "true"


def test_pull_requests_are_tested_and_built_but_never_deployed():
    data = workflow()
    assert "pull_request" in data["on"]
    deploy = data["jobs"]["deploy"]
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "refs/heads/main" in deploy["if"]
    upload = next(s for s in steps("build") if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["if"] == "github.event_name != 'pull_request'"
    assert data["on"]["push"]["branches"] == ["main"]


def test_only_the_deploy_job_may_write_and_only_to_pages():
    data = workflow()
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        assert writes == ({"pages", "id-token"} if name == "deploy" else set()), name


def run_gate(event, schedule, now):
    """Run the `when` job's script as GitHub would, at the moment `now` (UTC)."""
    (step,) = steps("when")
    handle, name = tempfile.mkstemp()
    os.close(handle)
    output = Path(name)
    env = {
        "PATH": "/usr/bin:/bin",
        "EVENT": event,
        "SCHEDULE": schedule,
        "NOW": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "GITHUB_OUTPUT": str(output),
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True, capture_output=True)
    result = output.read_text()
    output.unlink()
    return result.strip() == "go=true"


def fridays(year):
    day = date(year, 1, 1)
    day += timedelta(days=(4 - day.weekday()) % 7)
    while day.year == year:
        yield day
        day += timedelta(days=7)


def test_every_friday_exactly_one_schedule_runs_and_it_is_five_past_nine_in_rome():
    crons = [entry["cron"] for entry in workflow()["on"]["schedule"]]
    assert len(crons) == 2
    for friday in fridays(2027):
        passed = []
        for cron in crons:
            minute, hour = (int(part) for part in cron.split()[:2])
            moment = datetime(friday.year, friday.month, friday.day, hour, minute, tzinfo=UTC)
            if run_gate("schedule", cron, moment):
                passed.append(moment.astimezone(ROME))
        assert len(passed) == 1, friday
        assert (passed[0].hour, passed[0].minute) == (9, 5), friday


@pytest.mark.parametrize(
    ("friday", "cron"),
    [
        (date(2027, 3, 26), "5 8 * * 5"),  # last winter Friday: DST starts on Sunday 28 March
        (date(2027, 4, 2), "5 7 * * 5"),
        (date(2026, 10, 23), "5 7 * * 5"),  # last summer Friday: DST ends on Sunday 25 October
        (date(2026, 10, 30), "5 8 * * 5"),
    ],
)
def test_the_weeks_around_the_clock_changes(friday, cron):
    minute, hour = (int(part) for part in cron.split()[:2])
    moment = datetime(friday.year, friday.month, friday.day, hour, minute, tzinfo=UTC)
    assert run_gate("schedule", cron, moment)


def test_pushes_and_manual_runs_always_go_ahead():
    moment = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    assert run_gate("push", "", moment)
    assert run_gate("workflow_dispatch", "", moment)
    assert run_gate("pull_request", "", moment)


def build_cache():
    (step,) = [s for s in steps("build") if s.get("uses", "").startswith("actions/cache@")]
    return step


def test_the_build_cache_is_restored_before_the_site_is_built_for_readers():
    build = steps("build")
    cache = build_cache()
    assert cache["with"]["path"] == ".cache"
    publish = next(s for s in build if s.get("run") == "make publish")
    assert build.index(cache) < build.index(publish)
    # Saved only after a job that succeeded (the action's own rule): never a failed build's.
    assert "save-always" not in cache["with"]
    assert not any("actions/cache/save" in s.get("uses", "") for s in build)


def test_the_cache_key_follows_the_os_libraries_plugins_and_theme_and_falls_back_to_older():
    key = build_cache()["with"]["key"]
    assert key.startswith("build-${{ runner.os }}-")
    patterns = re.findall(r"'([^']+)'", " ".join(re.findall(r"hashFiles\(([^)]*)\)", key)))
    assert {"requirements*.txt", "plugins/**", "theme/**"} <= set(patterns)
    # A pattern that matches nothing hashes to an empty string: that part of the key is dead.
    for pattern in patterns:
        # GitHub's `dir/**` matches the files below dir; Python's, only the folders.
        files = ROOT.glob(pattern + "/*" if pattern.endswith("**") else pattern)
        assert any(path.is_file() for path in files), pattern
    restore = build_cache()["with"]["restore-keys"].splitlines()
    assert restore[-1] == "build-${{ runner.os }}-"
    for longer, shorter in zip([key, *restore], restore, strict=False):
        assert longer.startswith(shorter) and len(shorter) < len(longer), shorter


def test_comments_are_copied_only_where_a_comment_server_is_configured_and_only_on_main():
    data = workflow(COMMENTS_WORKFLOW)
    assert data["permissions"] == {}
    (job,) = data["jobs"].values()
    assert "vars.COMMENTS_ISSO_URL != ''" in job["if"]
    assert "refs/heads/main" in job["if"]
    assert {s for s, level in job["permissions"].items() if level == "write"} == {
        "contents",
        "actions",
    }
    assert any("invoke comments-sync" in step.get("run", "") for step in job["steps"])


def run_commit_step(repository, remote, bin_folder):
    """The comments workflow's last step in `repository`, pushing to `remote`, with a `gh` that
    writes down how it was called."""
    step = next(
        s for s in steps("sync", COMMENTS_WORKFLOW) if 'push "$PUSH_URL"' in s.get("run", "")
    )
    env = {
        "PATH": f"{bin_folder}:/usr/bin:/bin",
        "GH_TOKEN": "test-token",
        "REPOSITORY": "bottega/blog",
        "PUSH_URL": str(remote),
        "HOME": str(repository),
    }
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=repository, env=env, capture_output=True, text=True
    )


def test_the_workflow_commits_new_comments_and_starts_the_deploy_and_does_nothing_without(tmp_path):
    remote, repository, bin_folder = tmp_path / "remote.git", tmp_path / "blog", tmp_path / "bin"
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", remote], check=True)
    subprocess.run(["git", "clone", "-q", remote, repository], check=True, capture_output=True)
    (repository / "content" / "comments").mkdir(parents=True)
    (repository / "content" / "comments" / "a.yaml").write_text("- id: 1\n")
    subprocess.run([*git, "checkout", "-q", "-b", "main"], cwd=repository, check=True)
    subprocess.run([*git, "add", "."], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repository, check=True)
    subprocess.run([*git, "push", "-q", "origin", "main"], cwd=repository, check=True)
    bin_folder.mkdir()
    calls = tmp_path / "gh-calls"
    (bin_folder / "gh").write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    (bin_folder / "gh").chmod(0o755)

    unchanged = run_commit_step(repository, remote, bin_folder)
    assert unchanged.returncode == 0, unchanged.stderr
    assert "Nessun commento nuovo" in unchanged.stdout
    assert not calls.exists()

    (repository / "content" / "comments" / "b.yaml").write_text("- id: isso-3\n")
    changed = run_commit_step(repository, remote, bin_folder)
    assert changed.returncode == 0, changed.stderr
    log = subprocess.run(
        ["git", "log", "--format=%s", "--name-only", "-1", "main"],
        cwd=remote,
        capture_output=True,
        text=True,
    ).stdout
    assert "Commenti approvati" in log and "content/comments/b.yaml" in log
    assert calls.read_text().split() == [
        "workflow",
        "run",
        "deploy.yml",
        "--repo",
        "bottega/blog",
        "--ref",
        "main",
    ]
    assert "test-token" not in (repository / ".git" / "config").read_text()
