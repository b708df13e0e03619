"""Instructions per message of scaling.py's loop, counted by callgrind.

Wall-clock rates on a machine other work loads are noise; the instructions a
loop executes are not. For each interpreter, one thread of scaling.py (or
``--threads`` of them) moves two numbers of messages under ``valgrind
--tool=callgrind``; the difference of the two runs, divided by the difference
of the message counts, is the cost of one message (a send and a receive,
with the loop around them), free of start-up and shut-down. Besides all
instructions, it counts the atomic ones (x86 instructions with a lock prefix,
and xchg with memory): they cost far more time than their number says, and
more again when two cores share the cache line they change.

Usage: python tools/bench/scaling_counts.py [--messages N] [--threads N] [PYTHON ...]
(default: the interpreters scaling.py uses; needs valgrind and objdump)
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from scaling import ROOT, _default_pythons, _describe

SCALING = Path(__file__).resolve().parent / "scaling.py"
FIRST = 20_000
# an instruction's address (absolute, relative to the previous one, or the
# same), its source line, then its cost
COST_LINE = re.compile(r"(0x[0-9a-fA-F]+|[+-]\d+|\*)\s+(?:0x[0-9a-fA-F]+|[+-]\d+|\*|\d+)\s+(\d+)")
NAME = re.compile(r"\((\d+)\)(?:\s+(.*))?")
# objdump's lines for locked instructions, and xchg with memory (locked by itself)
LOCKED = re.compile(r"\s*([0-9a-f]+):\s+(?:lock\b|xchg\s+\S*\()")


def _profile(python: str, threads: int, messages: int, out: Path) -> int:
    """Run the loop of ``threads`` threads under callgrind; return its instruction count."""
    env = dict(os.environ)
    if _gil_disabled(python):
        env["PYTHON_GIL"] = "0"
    log = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--dump-instr=yes",
            f"--callgrind-out-file={out}",
            python,
            str(SCALING),
            "--worker",
            str(threads),
            "--messages",
            str(messages),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    ).stderr
    found = re.search(r"Collected : (\d+)", log)
    assert found, log
    return int(found.group(1))


def _gil_disabled(python: str) -> bool:
    result = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_config_var('Py_GIL_DISABLED'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip() == "1"


def _executions(profile: Path) -> Counter[tuple[str, int]]:
    """How many times each instruction ran, by (object file, address)."""
    names: dict[str, str] = {}
    counts: Counter[tuple[str, int]] = Counter()
    obj = ""
    address = 0
    after_call = False
    with profile.open() as lines:
        for line in lines:
            if line.startswith(("ob=", "cob=")):
                name = NAME.match(line.split("=", 1)[1].strip())
                if name:
                    if name.group(2):
                        names[name.group(1)] = name.group(2)
                    if line.startswith("ob="):
                        obj = names.get(name.group(1), "")
                continue
            if line.startswith("calls="):
                # the next cost line is the call's, the callee's included
                after_call = True
                continue
            cost = COST_LINE.match(line)
            if not cost:
                continue
            position = cost.group(1)
            if position.startswith("0x"):
                address = int(position, 16)
            elif position != "*":
                address += int(position)
            if after_call:
                after_call = False
                continue
            counts[(obj, address)] += int(cost.group(2))
    return counts


def _locked(counts: Counter[tuple[str, int]]) -> int:
    """How many atomic instructions ran."""
    total = 0
    for obj in {obj for obj, _ in counts}:
        if not obj.startswith("/"):
            continue
        listing = subprocess.run(
            ["objdump", "-d", "--no-show-raw-insn", obj], capture_output=True, text=True
        ).stdout
        for line in listing.splitlines():
            locked = LOCKED.match(line)
            if locked:
                total += counts.get((obj, int(locked.group(1), 16)), 0)
    return total


def measure(python: str, threads: int, messages: int) -> tuple[float, float]:
    """Instructions and atomic instructions per message of the threads' loops
    (per message of each thread)."""
    with tempfile.TemporaryDirectory() as scratch:
        runs = []
        for count in (FIRST, FIRST + messages):
            out = Path(scratch) / f"callgrind.{count}"
            instructions = _profile(python, threads, count, out)
            runs.append((instructions, _locked(_executions(out))))
    (first, first_locked), (second, second_locked) = runs
    moved = threads * messages
    return (second - first) / moved, (second_locked - first_locked) / moved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="*")
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    print(
        f"{args.threads} thread(s), {args.messages:,} messages of 16 B each "
        f"(after {FIRST:,}), per message:\n"
    )
    print("| interpreter | instructions | atomic instructions |")
    print("|---|---:|---:|")
    for python in args.pythons or _default_pythons():
        instructions, locked = measure(python, args.threads, args.messages)
        print(f"| {_describe(python)} | {instructions:,.0f} | {locked:.2f} |")


if __name__ == "__main__":
    main()
