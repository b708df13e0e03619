"""Fail if a wheel other than pyzmq-core's ships zmq/__init__.py.

Only pyzmq-core may own the ``zmq`` package's ``__init__.py``: an extension
shipping one would overwrite it, and uninstalling that extension would then
delete ``zmq`` for everyone. Each extension's wheel must hold only its own
subpackage.

Usage: python ci/check_namespace_wheels.py WHEEL...
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

CORE_PREFIX = "pyzmq_core-"
INIT = "zmq/__init__.py"


def problems(wheel: Path) -> list[str]:
    """What is wrong with the files of one wheel."""
    with zipfile.ZipFile(wheel) as archive:
        # beside the package: the metadata, and the libraries a repair tool
        # bundles (auditwheel, delvewheel: <distribution>.libs; delocate:
        # <distribution>.dylibs)
        beside = (".dist-info", ".libs", ".dylibs")
        names = [
            n
            for n in archive.namelist()
            if not n.endswith("/") and not n.split("/")[0].endswith(beside)
        ]
    if wheel.name.startswith(CORE_PREFIX):
        return [] if INIT in names else [f"{wheel.name}: does not ship {INIT}"]
    found = []
    if INIT in names:
        found.append(f"{wheel.name}: ships {INIT}, which only pyzmq-core may")
    subpackages = {n.split("/")[1] for n in names if n.startswith("zmq/") and n.count("/") > 1}
    stray = [n for n in names if not n.startswith("zmq/") or n.count("/") < 2]
    if len(subpackages) > 1 or stray:
        found.append(
            f"{wheel.name}: expected one zmq subpackage, got {sorted(subpackages)} and {stray}"
        )
    return found


def main(wheels: list[str]) -> int:
    found = [problem for wheel in wheels for problem in problems(Path(wheel))]
    print("\n".join(found) or f"ok: only pyzmq-core ships {INIT} ({len(wheels)} wheels)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
