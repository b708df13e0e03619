"""Throughput of zmq.anyio against the zmq-anyio package and against zmq.asyncio.

PUSH to PULL, 100-byte messages, producer and consumer as two tasks of one
event loop (anyio_scenarios.py). Each measure runs in a fresh process, the
alternatives interleaved round after round, in an order that changes every
round; the medians and their ratios are printed with the machine's load.

- zmq.anyio on anyio's asyncio backend and on its trio backend, against the
  zmq-anyio package (over PyZMQ, in .bench/zmq-anyio, made by
  tools/reference_zmq_anyio.py) on the same backend: target 2x;
- zmq.anyio on anyio's asyncio backend against zmq.asyncio: target 0.8x;
- zmq.anyio under trio.run alone, for information.

Usage: .venv/bin/python tools/bench/bench_anyio.py [--rounds N] [--transport tcp|inproc]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OURS = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(HERE.parent))

from reference_zmq_anyio import zmq_anyio_python  # noqa: E402

# (label, interpreter: "ours" or "reference", implementation, backend, messages)
MEASURES = [
    ("zmq.anyio, asyncio", "ours", "zmq.anyio", "asyncio", 100_000),
    ("zmq.anyio, trio", "ours", "zmq.anyio", "trio", 100_000),
    ("zmq.anyio, trio alone", "ours", "zmq.anyio", "trio-alone", 100_000),
    ("zmq.asyncio", "ours", "zmq.asyncio", "asyncio", 100_000),
    # about 50 times slower: fewer messages, for as long a measure
    ("zmq-anyio, asyncio", "reference", "zmq-anyio", "asyncio", 5_000),
    ("zmq-anyio, trio", "reference", "zmq-anyio", "trio", 5_000),
]
# (label, ours, baseline, target ratio)
TARGETS = [
    ("asyncio backend vs zmq-anyio", "zmq.anyio, asyncio", "zmq-anyio, asyncio", 2.0),
    ("trio backend vs zmq-anyio", "zmq.anyio, trio", "zmq-anyio, trio", 2.0),
    ("asyncio backend vs zmq.asyncio", "zmq.anyio, asyncio", "zmq.asyncio", 0.8),
]


def measure(python: Path, implementation: str, backend: str, transport: str, count: int) -> float:
    command = [str(python), "anyio_scenarios.py", implementation, backend, transport, str(count)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=HERE, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return float(json.loads(result.stdout.strip().splitlines()[-1])["value"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--transport", choices=["tcp", "inproc"], default="tcp")
    args = parser.parse_args()
    pythons = {"ours": OURS, "reference": zmq_anyio_python()}
    samples: dict[str, list[float]] = {label: [] for label, *_ in MEASURES}
    loads = [os.getloadavg()[0]]
    for number in range(args.rounds):
        print(f"round {number + 1}/{args.rounds}", flush=True)
        shift = number % len(MEASURES)
        for label, side, implementation, backend, count in MEASURES[shift:] + MEASURES[:shift]:
            samples[label].append(
                measure(pythons[side], implementation, backend, args.transport, count)
            )
        loads.append(os.getloadavg()[0])
    medians = {label: statistics.median(values) for label, values in samples.items()}
    print(f"\nPUSH->PULL, 100 B over {args.transport}, {args.rounds} rounds, medians")
    print(f"load average (1 min) during the run: {min(loads):.2f} to {max(loads):.2f}")
    for label, value in medians.items():
        print(f"  {label:24} {value:12,.0f} msg/s")
    failed = 0
    for label, ours, baseline, goal in TARGETS:
        ratio = medians[ours] / medians[baseline]
        met = ratio >= goal
        failed += not met
        print(f"  {label:32} {ratio:6.2f}x (target {goal}x) {'ok' if met else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
