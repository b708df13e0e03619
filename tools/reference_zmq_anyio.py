"""The zmq-anyio package, over real PyZMQ, in a virtualenv of its own.

tools/bench/bench_anyio.py compares zmq.anyio with it. It is installed once
into .bench/zmq-anyio, with trio beside it (for anyio's trio backend).
"""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZMQ_ANYIO_VERSION = "0.4.1"
LOCATION = ROOT / ".bench" / "zmq-anyio"


def zmq_anyio_python() -> Path:
    """The interpreter of the reference, installed on first use.

    Returns
    -------
    Path
        The ``python`` of a virtualenv with zmq-anyio ``ZMQ_ANYIO_VERSION``
        (which brings PyZMQ and anyio) and trio.
    """
    python = LOCATION / "bin" / "python"
    check = (
        "import importlib.metadata as m, trio, zmq_anyio; "
        f"assert m.version('zmq-anyio') == {ZMQ_ANYIO_VERSION!r}"
    )
    if (
        python.exists()
        and subprocess.run([str(python), "-c", check], capture_output=True).returncode == 0
    ):
        return python
    print(f"installing zmq-anyio {ZMQ_ANYIO_VERSION} into {LOCATION}", flush=True)
    if not python.exists():
        venv.create(LOCATION, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"zmq-anyio=={ZMQ_ANYIO_VERSION}", "trio"],
        check=True,
    )
    return python
