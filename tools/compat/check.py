"""Run every scenario on this project and on real PyZMQ 27, and compare them step by step.

Each scenario (scenarios/*.py) runs in a fresh process of each interpreter
(recorder.py), with the same inputs (inputs.py); the two records are compared
(compare.py) and the differences checked against the list of intentional
ones (intentional.toml). Exits 1 on a difference that is not listed, on an
entry of the list that no longer matches anything, and on a scenario that is
itself broken.

Usage: python tools/compat/check.py [--only NAME ...] [--reference PYTHON] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCENARIOS = HERE / "scenarios"
RECORDER = HERE / "recorder.py"
OURS = ROOT / ".venv" / "bin" / "python"
sys.path[:0] = [str(HERE), str(HERE.parent)]

import inputs  # noqa: E402
import intentional  # noqa: E402
from compare import Difference, Run, compare  # noqa: E402
from reference_pyzmq import pyzmq_python  # noqa: E402

# seconds one scenario may take on one side before it counts as a hang
TIMEOUT = 30.0


def run_side(
    python: Path,
    scenario: Path,
    inputs_file: Path,
    timeout: float = TIMEOUT,
    env: dict[str, str] | None = None,
) -> Run:
    """Run one scenario in a fresh process of ``python``; record a crash or hang, never raise."""
    with tempfile.TemporaryDirectory(prefix="compat-records-") as tmp:
        records = Path(tmp) / "records.jsonl"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        environment.update(env or {})
        # its own session, so that a hang is ended with everything the scenario started
        process = subprocess.Popen(
            [str(python), str(RECORDER), str(scenario), str(inputs_file), str(records)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
            ending = None
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            _, stderr = process.communicate()
            ending = f"hang (killed after {timeout:g} s)"
        if ending is None and process.returncode < 0:
            ending = f"crash ({signal.Signals(-process.returncode).name})"
        elif ending is None and process.returncode != 0:
            ending = f"exit status {process.returncode}"
        lines = records.read_text().splitlines() if records.exists() else []
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            break  # the last line of a process that died while writing it
    return Run(parsed, ending, stderr[-4000:])


def scenario_files(only: list[str]) -> list[Path]:
    """The scenarios to run: all, or those whose name contains one of ``only``."""
    found = sorted(p for p in SCENARIOS.glob("*.py") if not p.name.startswith("_"))
    return [p for p in found if not only or any(o in p.stem for o in only)]


def check(
    ours: Path, theirs: Path, scenarios: list[Path], timeout: float = TIMEOUT, jobs: int = 2
) -> list[Difference]:
    """Every difference between the two interpreters over ``scenarios``."""
    with tempfile.TemporaryDirectory(prefix="compat-inputs-") as tmp:
        inputs_file = Path(tmp) / "inputs.json"
        inputs_file.write_text(json.dumps(inputs.encode(inputs.generate())))
        jobs_list = [(python, scenario) for scenario in scenarios for python in (ours, theirs)]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            runs = list(
                pool.map(lambda job: run_side(job[0], job[1], inputs_file, timeout), jobs_list)
            )
    differences = []
    for index, scenario in enumerate(scenarios):
        differences.extend(compare(scenario.stem, runs[2 * index], runs[2 * index + 1]))
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", nargs="*", default=[], help="run the scenarios whose name has one of these"
    )
    parser.add_argument(
        "--reference", type=Path, help="PyZMQ's python (default: installed into .bench/pyzmq)"
    )
    parser.add_argument(
        "--ours", type=Path, default=OURS, help="this project's python (default: .venv)"
    )
    parser.add_argument(
        "--timeout", type=float, default=TIMEOUT, help="seconds per scenario and side"
    )
    parser.add_argument("--jobs", type=int, default=2, help="processes at once")
    parser.add_argument("--json", type=Path, help="also write every difference found to this file")
    args = parser.parse_args(argv)

    scenarios = scenario_files(args.only)
    if not scenarios:
        print(f"no scenario matches {args.only}", file=sys.stderr)
        return 2
    entries = [e for e in intentional.load() if any(e.scenario == s.stem for s in scenarios)]
    list_problems = intentional.problems(intentional.load())
    reference = args.reference or pyzmq_python()
    started = time.monotonic()
    differences = check(args.ours, reference, scenarios, args.timeout, args.jobs)
    unlisted, listed, stale = intentional.split(differences, entries)

    by_scenario: dict[str, list[Difference]] = {}
    for difference in unlisted:
        by_scenario.setdefault(difference.scenario, []).append(difference)
    for scenario, found in by_scenario.items():
        print(f"\n== {scenario}: {len(found)} difference(s) not listed as intentional")
        for difference in found:
            print(difference)
    if listed:
        print(
            f"\n{len(listed)} intentional difference(s), listed in tools/compat/intentional.toml:"
        )
        for difference, entry in listed:
            print(f"  [{difference.scenario}] {difference.step}: {entry.reason} ({entry.docs})")
    for entry in stale:
        print(
            f"listed but not found (remove it from intentional.toml): "
            f"[{entry.scenario}] {entry.step}"
        )
    for problem in list_problems:
        print(f"intentional.toml: {problem}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "unlisted": [asdict(d) for d in unlisted],
                    "listed": [asdict(d) | {"reason": e.reason} for d, e in listed],
                    "stale": [asdict(e) for e in stale],
                },
                indent=1,
            )
        )
    harness = sum(d.harness for d in unlisted)
    print(
        f"\n{len(scenarios)} scenarios in {time.monotonic() - started:.0f} s: "
        f"{len(unlisted) - harness} difference(s) not listed, {harness} broken step(s), "
        f"{len(listed)} intentional, {len(stale)} stale entr{'y' if len(stale) == 1 else 'ies'}"
    )
    return 1 if unlisted or stale or list_problems else 0


if __name__ == "__main__":
    sys.exit(main())
