#!/usr/bin/env python3
"""Write zmq/_flat_constants.pyi: the flat names of zmq.constants, for type checkers.

zmq.constants declares each constant once, as an enum member, and derives the
flat names (zmq.PUSH is zmq.SocketType.PUSH) at import, which type checkers do
not run; this stub, written from the module, declares them for them. Run it
after adding a constant: .venv/bin/python tools/constants_stub.py
(test_constants fails while the stub is not current).
"""

from __future__ import annotations

from pathlib import Path

from zmq import constants

STUB = Path(__file__).parents[1] / "packages/pyzmq-core/src/zmq/_flat_constants.pyi"


def render() -> str:
    flat = constants._flat_names()
    enums = sorted({type(member).__name__ for member in flat.values()})
    lines = [
        '"""The flat names of zmq.constants, for type checkers: written by',
        "tools/constants_stub.py from the enums of zmq.constants (do not edit).",
        '"""',
        "",
        "from zmq.constants import (",
        *(f"    {name}," for name in enums),
        ")",
        "",
        *(f"{name}: {type(member).__name__}" for name, member in sorted(flat.items())),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    STUB.write_text(render(), encoding="utf-8")
    print(f"wrote {STUB}")
