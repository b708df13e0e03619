"""Report the memory errors of a valgrind log that involve zmq's code.

CPython itself makes valgrind report a few uninitialised reads (in its
garbage collector at exit, even with PYTHONMALLOC=malloc); only the errors
whose stack passes through the compiled zmq module or libzmq count.

Usage: python tools/valgrind_errors.py VALGRIND_LOG
"""

from __future__ import annotations

import re
import sys

KINDS = re.compile(
    r"Invalid (read|write|free)|uninitialised|Conditional jump|Mismatched free|overlap"
)
# a frame of ours, as valgrind prints it without debug info ("in .../_zmq.cpython-
# 311-x86_64-linux-gnu.so") and with it ("__pyx_pf_3zmq_... (_zmq.c:29794)")
OURS = re.compile(
    r"_zmq\.cpython|\(_zmq\.c:|__pyx_\w*3zmq_|_monitoredqueue|libzmq\.so|release_queue"
)


def errors(log: str) -> list[str]:
    blocks = re.split(r"\n==\d+== \n", log)
    return [b for b in blocks if KINDS.search(b) and OURS.search(b)]


def main(path: str) -> int:
    with open(path) as file:
        found = errors(file.read())
    for block in found:
        print(block, end="\n\n")
    print(f"{len(found)} memory error(s) in zmq's code")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
