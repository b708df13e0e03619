"""The pull-request workflow runs the repository's own commands, which exist.

GitHub runs the workflow; this machine cannot. What can be checked here is
that each of its steps is one of the commands a developer runs (a script of
tools/ or ci/), so that a failure there is reproduced by the same command, and
that every such command exists. tools/lint checks the workflow's schema.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"
# what a step may run besides the repository's scripts
PYTHON = ".venv/bin/python"


def _run_steps() -> list[tuple[str, str]]:
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    return [
        (name, step["run"]) for name, job in jobs.items() for step in job["steps"] if "run" in step
    ]


def _problem(command: str) -> str | None:
    words = shlex.split(command)
    if words[0] == PYTHON and words[1] == "-m":
        return None if words[2] == "pytest" else f"runs the module {words[2]}"
    script = words[1] if words[0] == PYTHON else words[0]
    if not script.startswith(("tools/", "ci/")):
        return f"runs {script}, not a command of tools/ or ci/"
    path = ROOT / script
    if not path.is_file():
        return f"{script} does not exist"
    if words[0] != PYTHON and not os.access(path, os.X_OK):
        return f"{script} is not executable"
    return None


def test_every_job_runs_steps() -> None:
    jobs = {name for name, _ in _run_steps()}
    assert jobs == {"lint", "tests", "artifacts", "macos"}


@pytest.mark.parametrize(("job", "command"), _run_steps())
def test_each_step_is_a_command_of_the_repository(job: str, command: str) -> None:
    assert "\n" not in command.strip(), f"{job}: one command per step"
    assert _problem(command) is None, f"{job}: {command!r} {_problem(command)}"


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("tools/nowhere", "tools/nowhere does not exist"),
        ("pip install zmq", "runs pip, not a command of tools/ or ci/"),
        (".venv/bin/python ci/nowhere.py", "ci/nowhere.py does not exist"),
        (".venv/bin/python -m pip install x", "runs the module pip"),
        ("tools/requirements-dev.txt", "tools/requirements-dev.txt is not executable"),
    ],
)
def test_other_steps_are_named(command: str, problem: str) -> None:
    assert _problem(command) == problem
