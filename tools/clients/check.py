"""Run the test suites of real PyZMQ clients on this project and on real PyZMQ 27, and compare.

For each client (CLIENTS), its sdist is downloaded from the package index at
a pinned version and unpacked into .clients/; two virtualenvs get it with its
test dependencies: one with this project's distributions (built from the
working tree into wheels), one with PyZMQ. The suite runs in each, and the
outcomes are compared per test id. Exits 1 if a test passes on PyZMQ but
not here. A test that aborts the pytest process is recorded with the abort
message, and the run goes on with the tests not yet run.

Usage: python tools/clients/check.py [CLIENT ...] [--keep]   (default: every client)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import venv
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = ROOT / ".clients"
sys.path[:0] = [str(HERE.parent), str(ROOT / "ci")]

from build_dists import build  # noqa: E402
from reference_pyzmq import PYZMQ_VERSION  # noqa: E402

# what a test suite's dependencies name that running it does not need (git hooks)
NOT_FOR_RUNNING = {"pre-commit"}
# seconds a whole run of one suite may take before it is ended
SUITE_TIMEOUT = 1800
# what libzmq prints before it aborts the process (often with no newline after it)
LIBZMQ_ABORT = re.compile(r"[A-Z][^\n()]*\(src/[\w./]+\.cpp:\d+\)|Assertion failed[^\n]*")


@dataclass(frozen=True)
class Client:
    """A PyZMQ client whose test suite is run: its name on the index, the version tested."""

    name: str
    version: str
    tests: tuple[str, ...] = ("tests",)
    # extra pytest arguments; the suite's own configuration stays in force
    pytest_args: tuple[str, ...] = ()
    # packages some of its tests need besides its declared test dependencies
    extras: tuple[str, ...] = ()


CLIENTS = {
    client.name: client
    for client in [
        # Its suite turns warnings into errors, and the pytest-asyncio it gets warns unless
        # this option is set; matplotlib and trio (its coverage group) run the tests that
        # otherwise skip.
        Client(
            "ipykernel",
            "7.4.0",
            pytest_args=("-o", "asyncio_default_fixture_loop_scope=function"),
            extras=("matplotlib", "trio"),
        ),
        Client("jupyter_client", "8.10.0"),
    ]
}


@dataclass
class Outcomes:
    """Each test id's outcome on one side, and what the failures said."""

    outcome: dict[str, str] = field(default_factory=dict)
    reason: dict[str, str] = field(default_factory=dict)


def pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True
    )


def sdist(client: Client) -> Path:
    """The client's source tree, downloaded and unpacked once."""
    source = WORK / "src" / f"{client.name}-{client.version}"
    if source.exists():
        return source
    downloads = WORK / "sdists"
    downloads.mkdir(parents=True, exist_ok=True)
    pip(
        ROOT / ".venv" / "bin" / "python",
        "download",
        "--no-deps",
        "--no-binary",
        client.name,
        "-d",
        str(downloads),
        f"{client.name}=={client.version}",
    )
    archive = next(downloads.glob(f"{client.name.replace('-', '_')}-{client.version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(WORK / "src", filter="data")
    return source


def test_requirements(source: Path) -> list[str]:
    """What the suite needs besides the client: its "test" dependency group or extra."""
    with (source / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)
    found = project.get("dependency-groups", {}).get("test") or project["project"].get(
        "optional-dependencies", {}
    ).get("test", [])
    return [
        r
        for r in found
        if isinstance(r, str)
        and re.split(r"[ <>=!;\[]", r, maxsplit=1)[0].lower() not in NOT_FOR_RUNNING
    ]


def ours_wheels() -> list[Path]:
    """This project's wheels, built from the working tree (once per run of this command)."""
    dist = WORK / "dist"
    build(dist)
    return sorted(dist.glob("*.whl"))


def environment(client: Client, side: str, source: Path, wheels: list[Path]) -> Path:
    """A fresh virtualenv with the client, its test dependencies and one side's zmq."""
    location = WORK / f"{client.name}-{side}"
    if location.exists():
        shutil.rmtree(location)
    venv.create(location, with_pip=True)
    python = location / "bin" / "python"
    zmq = [str(w) for w in wheels] if side == "ours" else [f"pyzmq=={PYZMQ_VERSION}"]
    pip(python, "install", *zmq)
    pip(python, "install", str(source), *test_requirements(source), *client.extras)
    check = (
        "import importlib.metadata as m; names = {d.metadata['Name'] for d in m.distributions()}; "
        f"assert ('pyzmq-core' in names) == {side == 'ours'}, names"
    )
    subprocess.run([str(python), "-c", check], check=True)
    return python


def collect(python: Path, client: Client, source: Path) -> list[str]:
    """The ids of the suite's tests; none at all is an error, never an empty success."""
    command = [str(python), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, *client.pytest_args, *client.tests], cwd=source, capture_output=True, text=True
    )
    found = [line.strip() for line in result.stdout.splitlines() if "::" in line]
    if not found:
        raise SystemExit(
            f"{client.name}: no test collected\n{result.stdout[-3000:]}{result.stderr}"
        )
    return found


def run_suite(python: Path, client: Client, source: Path, side: str) -> Outcomes:
    """The suite's outcomes on one side, going on after a test aborts the process."""
    outcomes = Outcomes()
    remaining = collect(python, client, source)
    report = WORK / f"{client.name}-{side}.jsonl"
    env = dict(os.environ, CLIENT_REPORT=str(report), PYTHONPATH=str(HERE))
    while remaining:
        report.write_text("")
        process = subprocess.Popen(
            [
                str(python),
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-p",
                "report_plugin",
                *client.pytest_args,
                *remaining,
            ],
            cwd=source,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        hung = False
        try:
            output, _ = process.communicate(timeout=SUITE_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            hung = True
        started = last = None
        for line in report.read_text().splitlines():
            record = json.loads(line)
            if "start" in record:
                started = last = record["start"]
            else:
                outcomes.outcome[record["test"]] = record["outcome"]
                outcomes.reason[record["test"]] = record["reason"]
                if record["test"] == started:
                    started = None
        done = set(outcomes.outcome)
        if process.returncode is not None and process.returncode < 0:
            # killed by a signal: the test running then (or, between tests, the last one run)
            # is marked aborted, and the run goes on with the tests not yet run
            culprit = started or last
            if culprit is None:
                raise SystemExit(f"{client.name} ({side}) died before any test:\n{output[-3000:]}")
            aborts = LIBZMQ_ABORT.findall(output)
            outcomes.outcome[culprit] = "aborted"
            outcomes.reason[culprit] = (
                ("the suite hung and was killed" if hung else "the process was killed by ")
                + ("" if hung else signal.Signals(-process.returncode).name)
                + ("" if started else " after the test ended")
                + (f": {aborts[-1].strip()}" if aborts else "")
            )
            done.add(culprit)
        elif started is not None or process.returncode not in (0, 1):
            print(output[-3000:], file=sys.stderr)
            raise SystemExit(f"{client.name} ({side}): pytest ended with {process.returncode}")
        else:
            break
        remaining = [t for t in remaining if t not in done]
    return outcomes


def summary(reason: str) -> str:
    """The line of a failure that says most: libzmq's abort, or the exception's last line."""
    aborts = LIBZMQ_ABORT.findall(reason)
    if aborts:
        return aborts[-1].strip()
    lines = [line for line in reason.splitlines() if line.startswith("E ")]
    return (lines[-1] if lines else (reason.strip().splitlines() or [""])[-1])[:300]


def compare(client: Client, ours: Outcomes, theirs: Outcomes) -> int:
    """Print the differences; the number of tests that pass on PyZMQ only."""
    count = {side: {} for side in ("ours", "PyZMQ")}
    for side, outcomes in (("ours", ours), ("PyZMQ", theirs)):
        for outcome in outcomes.outcome.values():
            count[side][outcome] = count[side].get(outcome, 0) + 1
    print(f"\n== {client.name} {client.version}")
    for side in count:
        print(f"   {side}: " + ", ".join(f"{n} {o}" for o, n in sorted(count[side].items())))
    regressions = 0
    for test in sorted(set(ours.outcome) | set(theirs.outcome)):
        mine, their = ours.outcome.get(test, "not run"), theirs.outcome.get(test, "not run")
        if mine == their:
            continue
        worse = their == "passed"
        regressions += worse
        print(f"{'FAIL' if worse else 'note'} {test}: ours {mine}, PyZMQ {their}")
        if mine in ("failed", "error", "aborted"):
            print(f"     {summary(ours.reason[test])}")
    return regressions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clients", nargs="*", help=f"some of: {', '.join(CLIENTS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.clients) - set(CLIENTS)
    if unknown:
        parser.error(f"unknown client(s): {', '.join(sorted(unknown))}")
    wheels = ours_wheels()
    regressions = 0
    for name in args.clients or CLIENTS:
        client = CLIENTS[name]
        source = sdist(client)
        results = {}
        for side in ("ours", "pyzmq"):
            python = environment(client, side, source, wheels)
            results[side] = run_suite(python, client, source, side)
            (WORK / f"{client.name}-{side}.json").write_text(
                json.dumps(
                    {"outcome": results[side].outcome, "reason": results[side].reason}, indent=1
                )
            )
        regressions += compare(client, results["ours"], results["pyzmq"])
    print(f"\n{regressions} test(s) pass on PyZMQ {PYZMQ_VERSION} and not here")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
