"""zmq.utils: z85, jsonapi, monitor, garbage, strtypes, interop, win32."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c(
        "import zmq, zmq.utils.z85 as z85, zmq.utils.jsonapi as jsonapi, zmq.utils.monitor as monitor, struct"
    )
    for raw in c.inputs("z85_raw"):
        c("encoded = z85.encode(raw)", raw=raw)
        c("z85.decode(encoded)")
        c("z85.decode(encoded.decode())")
    for text in c.inputs("z85_text"):
        c("z85.decode(text)", text=text)
        c("z85.decode(text.encode('utf-8', 'surrogatepass'))", text=text)
    c("z85.encode('text')")
    c("z85.encode(None)")
    c("z85.decode(5)")
    c("z85.decode('#####')")
    c("z85.decode('Hello~')")
    c("(z85.Z85CHARS, len(z85.Z85MAP))")
    for value in c.inputs("json_values"):
        c("jsonapi.dumps(value)", value=value)
        c("jsonapi.loads(jsonapi.dumps(value))", value=value)
    c("jsonapi.dumps({'a': 1}, indent=1)")
    c("jsonapi.dumps('é')")
    c("jsonapi.dumps(object())")
    c("jsonapi.loads('{\"a\": 1}')")
    c("jsonapi.loads(b'[1]')")
    c("jsonapi.loads(bytearray(b'[1]'))")
    c("jsonapi.loads(memoryview(b'[1]'))")
    c("jsonapi.loads(b'nope')")
    c("jsonapi.loads(b'\\xff')")
    c("jsonapi.jsonmod", norm="type")
    c("jsonapi.jsonmod.dumps([1])")
    c("msg = [struct.pack('=hi', zmq.EVENT_CONNECTED, 7), b'tcp://127.0.0.1:5']")
    c("monitor.parse_monitor_message(msg)")
    c("monitor.parse_monitor_message([b'short', b'x'])")
    c("monitor.parse_monitor_message([struct.pack('=hi', 1, 2)])")
    c("monitor.parse_monitor_message([])")
    c("monitor.parse_monitor_message([struct.pack('=hi', 9999, 2), b'e'])")
    c("monitor.parse_monitor_message([struct.pack('=hi', zmq.EVENT_CONNECTED, 7), 'str'])")
    c("from zmq.utils.garbage import gc")
    c("gc.is_alive()", norm="type")
    c("type(gc.refs)")
    c("gc.context", norm="type")
    c("import zmq.utils.strtypes as strtypes")
    c(
        "(strtypes.asbytes('x'), strtypes.cast_bytes('x'), strtypes.cast_unicode(b'x'), strtypes.b('x'), strtypes.u(b'x'))"
    )
    c("(strtypes.bytes, strtypes.unicode, strtypes.basestring)")
    c("strtypes.cast_bytes(5)")
    c("from zmq.utils.interop import cast_int_addr")
    c("cast_int_addr(5)")
    c("cast_int_addr('x')")
    c("import ctypes")
    c("cast_int_addr(ctypes.c_void_p(16))")
    c("from zmq.utils.win32 import allow_interrupt")
    c("with allow_interrupt():\n    pass")
    c("import zmq.utils")
    c(
        "sorted(n for n in ('z85', 'jsonapi', 'monitor', 'strtypes', 'interop', 'win32', 'garbage') if hasattr(zmq.utils, n))",
        norm="superset",
    )
