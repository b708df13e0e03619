"""The reference: real PyZMQ from the package index, in a virtualenv of its own.

The benchmarks (tools/bench) and the differential harness (tools/compat)
compare this project with it. It is installed once into .bench/pyzmq, with
tornado and gevent beside it (zmq.eventloop and zmq.green need them), and
completed when an older install lacks one of them.
"""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYZMQ_VERSION = "27.3.0"
# what the reference needs besides PyZMQ: the event loops zmq.eventloop and zmq.green use
COMPANIONS = ("tornado", "gevent")
LOCATION = ROOT / ".bench" / "pyzmq"


def pyzmq_python() -> Path:
    """The reference interpreter, installed on first use.

    Returns
    -------
    Path
        The ``python`` of a virtualenv with PyZMQ ``PYZMQ_VERSION``, tornado
        and gevent.
    """
    python = LOCATION / "bin" / "python"
    check = f"import zmq, {', '.join(COMPANIONS)}; assert zmq.__version__ == {PYZMQ_VERSION!r}"
    if (
        python.exists()
        and subprocess.run([str(python), "-c", check], capture_output=True).returncode == 0
    ):
        return python
    print(f"installing PyZMQ {PYZMQ_VERSION} into {LOCATION}", flush=True)
    if not python.exists():
        venv.create(LOCATION, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"pyzmq=={PYZMQ_VERSION}", *COMPANIONS],
        check=True,
    )
    return python
