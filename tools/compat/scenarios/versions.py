"""Version functions, has(), curve keys and the include and library folders."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, os")
    c("zmq.zmq_version()", norm="type")
    c("zmq.zmq_version_info()", norm="type")
    c("len(zmq.zmq_version_info())")
    c("zmq.pyzmq_version()")
    c("zmq.pyzmq_version_info()")
    c("zmq.__version__")
    c("zmq.__revision__", norm="type")
    c("import zmq.sugar.version")
    c("zmq.sugar.version.VERSION_EXTRA", norm="type")
    c(
        "(zmq.sugar.version.VERSION_MAJOR, zmq.sugar.version.VERSION_MINOR, zmq.sugar.version.VERSION_PATCH)"
    )
    for cap in ["ipc", "pgm", "tipc", "norm", "curve", "gssapi", "draft", "nope", ""]:
        c("zmq.has(cap)", cap=cap, norm="type")
    c("zmq.has(b'curve')")
    c("zmq.has(None)")
    c("zmq.has('curve')")
    c("zmq.has('ipc')")
    c("pub, sec = zmq.curve_keypair()")
    c("(type(pub), type(sec), len(pub), len(sec))")
    c("zmq.curve_public(sec) == pub")
    c("zmq.curve_public(sec.decode()) == pub")
    for secret in c.inputs("curve_secrets"):
        c("zmq.curve_public(secret)", secret=secret)
    c("zmq.curve_public(None)")
    c("zmq.curve_public(5)")
    c("dirs = zmq.get_includes()", norm="type")
    c("(len(dirs) >= 2, os.path.basename(dirs[1]))")
    c("[os.path.basename(d) for d in zmq.get_library_dirs()]")
    c("zmq.Stopwatch", norm="type")
    c("w = zmq.Stopwatch()")
    c("w.stop()", norm="type")
    c("w.start()")
    c("type(w.stop())")
    # a second stop() measures from the same start: microseconds, not the clock's reading
    c("w.stop() < 10_000_000")
