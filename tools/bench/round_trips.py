"""Where the time of a tcp round trip goes: the same echo, layer by layer.

Runs, in fresh processes and interleaved round after round, the tcp round
trips of scenarios.py against an echo server in a thread: a blocking socket
(no zmq, no loop), blocking zmq, then plain asyncio (streams and protocols)
and zmq.asyncio, on asyncio's default loop and on uvloop. Prints the median
of each, in microseconds; the differences between lines are what each layer
costs (libzmq's I/O threads, the event loop, zmq.asyncio).

Usage: python tools/bench/round_trips.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import OURS, measure  # noqa: E402

LADDER = [
    ("blocking socket", ("raw_blocking_round_trip",)),
    ("blocking zmq", ("blocking_round_trip", "tcp")),
    ("asyncio streams", ("raw_round_trip", "streams", "asyncio")),
    ("asyncio protocol", ("raw_round_trip", "protocol", "asyncio")),
    ("zmq.asyncio", ("async_round_trip", "tcp", "asyncio")),
    ("uvloop streams", ("raw_round_trip", "streams", "uvloop")),
    ("uvloop protocol", ("raw_round_trip", "protocol", "uvloop")),
    ("zmq.asyncio on uvloop", ("async_round_trip", "tcp", "uvloop")),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    samples: dict[str, list[float]] = {label: [] for label, _ in LADDER}
    for round_number in range(args.rounds):
        print(f"round {round_number + 1}/{args.rounds}", flush=True)
        # rotate which runs first, so that none always gets a warm machine
        shift = round_number % len(LADDER)
        for label, scenario in LADDER[shift:] + LADDER[:shift]:
            samples[label].append(measure([str(OURS), "scenarios.py", *scenario]))
    for label, _ in LADDER:
        values = samples[label]
        print(
            f"{label:24} {statistics.median(values):8.1f} us"
            f"  (rounds {min(values):.1f} to {max(values):.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
