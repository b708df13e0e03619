"""Compare this project's zmq with PyZMQ, and with libzmq from C.

Runs every scenario of scenarios.py in fresh processes, alternating between
the two implementations round after round (so that a noisy machine hurts both
alike), and prints each scenario's median and the ratio against each target.

PyZMQ is installed once into .bench/pyzmq (a virtualenv of its own, made by
tools/reference_pyzmq.py); the C baseline for large messages is compiled from
c/throughput.c into .bench/.

Usage: python tools/bench/run.py [--rounds N] [--only SUBSTRING] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = ROOT / ".bench"
OURS = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(HERE.parent))

from reference_pyzmq import pyzmq_python  # noqa: E402


@dataclass(frozen=True)
class Target:
    """One comparison: a scenario, what it is compared with, and the goal."""

    label: str
    scenario: tuple[str, ...]
    baseline: str  # "pyzmq", "blocking" or "asyncio" (ours, other scenarios), or "c"
    goal: float  # required ratio, ours / baseline in the "better" direction
    lower_is_better: bool = False
    baseline_scenario: tuple[str, ...] | None = None
    # for "asyncio": the alternatives measured, the best of which is the baseline
    anchors: tuple[tuple[str, ...], ...] = ()


TARGETS = [
    *(
        Target(
            f"send/recv {size} B over {transport}", ("throughput", transport, size), "pyzmq", 1.5
        )
        for transport in ("inproc", "tcp")
        for size in ("1", "100", "1024")
    ),
    *(
        Target(
            f"3-part multipart over {transport}", ("throughput", transport, "10", "3"), "pyzmq", 3
        )
        for transport in ("inproc", "tcp")
    ),
    *(
        Target(
            f"per call: {operation}", ("call_cost", operation), "pyzmq", 2, lower_is_better=True
        )
        for operation in ("send", "recv", "recv_again", "attr_get", "attr_set", "getsockopt")
    ),
    *(
        Target(
            f"{size // 1024} KiB over tcp vs libzmq in C",
            ("large_throughput", str(size)),
            "c",
            0.95,
        )
        for size in (65536, 262144, 1048576)
    ),
    *(
        Target(
            f"asyncio PUSH->PULL 100 B over {transport}",
            ("async_throughput", transport),
            "pyzmq",
            5,
        )
        for transport in ("tcp", "inproc")
    ),
    Target(
        "asyncio DEALER->ROUTER round trip, inproc",
        ("async_round_trip", "inproc"),
        "pyzmq",
        3,
        lower_is_better=True,
    ),
    *(
        Target(
            f"asyncio round trip over tcp vs raw asyncio echo, {loop}",
            ("async_round_trip", "tcp", loop),
            "asyncio",
            0.9,
            lower_is_better=True,
            anchors=(("raw_round_trip", "streams", loop), ("raw_round_trip", "protocol", loop)),
        )
        for loop in ("asyncio", "uvloop")
    ),
    Target(
        "asyncio round trip over tcp vs PyZMQ's blocking (server in a thread)",
        ("async_round_trip", "tcp"),
        "pyzmq",
        1,
        lower_is_better=True,
        baseline_scenario=("blocking_round_trip", "tcp"),
    ),
]


def c_baseline() -> Path:
    binary = WORK / "throughput"
    source = HERE / "c" / "throughput.c"
    if not binary.exists() or binary.stat().st_mtime < source.stat().st_mtime:
        WORK.mkdir(exist_ok=True)
        subprocess.run(["gcc", "-O2", "-o", str(binary), str(source), "-lzmq"], check=True)
    return binary


def measure(command: list[str]) -> float:
    result = subprocess.run(command, capture_output=True, text=True, cwd=HERE, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return float(json.loads(result.stdout.strip().splitlines()[-1])["value"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="run the targets whose label has this")
    parser.add_argument("--markdown", action="store_true", help="print a table for the README")
    args = parser.parse_args()
    targets = [t for t in TARGETS if args.only in t.label]
    pyzmq = pyzmq_python()
    samples: dict[tuple[str, str], list[float]] = {}

    def add(key: tuple[str, str], value: float) -> None:
        samples.setdefault(key, []).append(value)

    def baselines(target: Target) -> list[list[str]]:
        if target.baseline == "pyzmq":
            return [[str(pyzmq), "scenarios.py", *(target.baseline_scenario or target.scenario)]]
        if target.baseline == "c":
            return [[str(c_baseline()), target.scenario[1]]]
        if target.baseline == "asyncio":
            return [[str(OURS), "scenarios.py", *anchor] for anchor in target.anchors]
        assert target.baseline_scenario is not None
        return [[str(OURS), "scenarios.py", *target.baseline_scenario]]

    for round_number in range(args.rounds):
        print(f"round {round_number + 1}/{args.rounds}", flush=True)
        for target in targets:
            runs = [([str(OURS), "scenarios.py", *target.scenario], "ours")]
            runs += [(command, f"base{i}") for i, command in enumerate(baselines(target))]
            # rotate which runs first, so that none always gets a warm machine
            shift = round_number % len(runs)
            for command, side in runs[shift:] + runs[:shift]:
                add((target.label, side), measure(command))

    rows = []
    failed = 0
    for target in targets:
        ours = statistics.median(samples[(target.label, "ours")])
        medians = [
            statistics.median(values)
            for (label, side), values in samples.items()
            if label == target.label and side != "ours"
        ]
        # the best alternative is the baseline (the faster asyncio API, say)
        base = min(medians) if target.lower_is_better else max(medians)
        ratio = base / ours if target.lower_is_better else ours / base
        met = ratio >= target.goal
        failed += not met
        rows.append((target, ours, base, ratio, met))
        if len(medians) > 1:
            print(
                f"{target.label}: "
                + ", ".join(f"{' '.join(a[1:])} {m:,.1f}" for a, m in zip(target.anchors, medians))
            )

    if args.markdown:
        print(
            f"\nMeasured {date.today()} on {platform.machine()}, {platform.node()}, "
            f"Python {platform.python_version()}, {args.rounds} rounds (medians).\n"
        )
        print("| comparison | ours | baseline | ratio | target | met |")
        print("|---|---|---|---|---|---|")
    for target, ours, base, ratio, met in rows:
        unit = (
            "us"
            if target.scenario[0].endswith("round_trip")
            else ("ns" if target.scenario[0] == "call_cost" else "/s")
        )
        if args.markdown:
            print(
                f"| {target.label} | {ours:,.1f} {unit} | {base:,.1f} {unit} ({target.baseline})"
                f" | {ratio:.2f}x | >= {target.goal}x | {'yes' if met else 'NO'} |"
            )
        else:
            print(
                f"{target.label:60} ours {ours:14,.1f} {target.baseline:8} {base:14,.1f} "
                f"{ratio:6.2f}x (target {target.goal}x) {'ok' if met else 'MISSED'}"
            )
    print(f"\n{len(rows) - failed}/{len(rows)} targets met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
