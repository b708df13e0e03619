"""Thread scaling: do threads with sockets of their own run in parallel?

Each thread moves small messages through its own inproc PUSH/PULL pair (a
batch of sends, then as many receives); the aggregate rate of two threads is
compared with one thread's, in each interpreter given. With the GIL, two
threads share one core's worth of Python (about 1x); free-threaded Python with
the GIL off runs them on both cores. The rate of one thread also gives the
cost per message, compared across interpreters.

A control runs the same loops without zmq (a method of the message instead of
send and recv): on free-threaded Python it shows how far two threads can scale
on the machine at that time, which other work on it limits.

Each measurement runs in a fresh process; the interpreters alternate round
after round, and the medians are printed.

Usage: python tools/bench/scaling.py [--rounds N] [--messages N] [PYTHON ...]
(default: .venv's Python, and those tools/test-python 3.13 and tools/free-threaded
made in .cache/venvs/)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BATCH = 100
SIZE = 16


def _stream(
    ctx: object, name: str, count: int, start: threading.Barrier, times: list[float]
) -> None:
    import zmq

    assert isinstance(ctx, zmq.Context)
    sender = ctx.socket(zmq.PUSH)
    receiver = ctx.socket(zmq.PULL)
    sender.sndhwm = receiver.rcvhwm = 0
    receiver.bind(f"inproc://{name}")
    sender.connect(f"inproc://{name}")
    message = b"x" * SIZE
    send, recv = sender.send, receiver.recv
    try:
        start.wait()
        times.append(time.perf_counter())
        for _ in range(count // BATCH):
            for _ in range(BATCH):
                send(message)
            for _ in range(BATCH):
                recv()
        times.append(time.perf_counter())
    finally:
        sender.close()
        receiver.close()


def _control(
    ctx: object, name: str, count: int, start: threading.Barrier, times: list[float]
) -> None:
    message = b"x" * SIZE
    send = recv = message.__len__
    start.wait()
    times.append(time.perf_counter())
    for _ in range(count // BATCH):
        for _ in range(BATCH):
            send()
        for _ in range(BATCH):
            recv()
    times.append(time.perf_counter())


def worker(threads: int, messages: int, control: bool) -> dict[str, object]:
    """Messages per second of ``threads`` threads, each moving ``messages``
    (or running the control's loops)."""
    import zmq

    times: list[float] = []
    with zmq.Context() as ctx:
        start = threading.Barrier(threads)
        target = _control if control else _stream
        running = [
            threading.Thread(target=target, args=(ctx, f"scaling-{n}", messages, start, times))
            for n in range(threads)
        ]
        for thread in running:
            thread.start()
        for thread in running:
            thread.join()
    assert len(times) == 2 * threads, "a thread failed"
    # from the first thread's start to the last one's end
    elapsed = max(times) - min(times)
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    return {"rate": threads * messages / elapsed, "gil": gil}


def _measure(python: str, threads: int, messages: int, control: bool) -> dict[str, object]:
    result = subprocess.run(
        [
            python,
            __file__,
            "--worker",
            str(threads),
            "--messages",
            str(messages),
            *(["--control"] if control else []),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _describe(python: str) -> str:
    return subprocess.run(
        [
            python,
            "-c",
            "import sys, sysconfig, zmq; "
            "t = 't' if sysconfig.get_config_var('Py_GIL_DISABLED') else ''; "
            "print(f'CPython {sys.version.split()[0]}{t}, zmq {zmq.__version__}')",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def _default_pythons() -> list[str]:
    found = [str(ROOT / ".venv" / "bin" / "python")]
    for pattern in ("cpython-3.13.*[0-9]", "cpython-3.13.*t"):
        found += sorted(str(p / "bin" / "python") for p in (ROOT / ".cache/venvs").glob(pattern))
    return [python for python in found if Path(python).exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="*")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--messages", type=int, default=2_000_000)
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--control", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.messages, args.control)))
        return
    pythons = args.pythons or _default_pythons()
    rates: dict[tuple[str, bool, int], list[float]] = {}
    gil: dict[str, object] = {}
    for round_ in range(args.rounds):
        for python in pythons if round_ % 2 == 0 else reversed(pythons):
            for control in (False, True):
                for threads in (1, 2):
                    result = _measure(python, threads, args.messages, control)
                    rate = float(result["rate"])  # type: ignore[arg-type]
                    rates.setdefault((python, control, threads), []).append(rate)
                    gil[python] = result["gil"]
    print(f"{args.rounds} rounds, {args.messages:,} messages of {SIZE} B per thread, medians:\n")
    print("| interpreter | GIL | 1 thread | per message | 2 threads | scaling | control's |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for python in pythons:
        one = statistics.median(rates[(python, False, 1)])
        two = statistics.median(rates[(python, False, 2)])
        control = statistics.median(rates[(python, True, 2)]) / statistics.median(
            rates[(python, True, 1)]
        )
        print(
            f"| {_describe(python)} | {'on' if gil[python] else 'off'} | {one:,.0f} /s "
            f"| {1e9 / one:,.0f} ns | {two:,.0f} /s | {two / one:.2f}x | {control:.2f}x |"
        )


if __name__ == "__main__":
    main()
