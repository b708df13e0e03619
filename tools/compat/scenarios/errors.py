"""zmq.error: the classes, their attributes and how libzmq's errors map onto them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, errno, pickle")
    c("[k.__name__ for k in zmq.ZMQError.__mro__]")
    for name in [
        "Again",
        "ContextTerminated",
        "InterruptedSystemCall",
        "ZMQBindError",
        "ZMQVersionError",
        "NotDone",
        "ZMQBaseError",
    ]:
        c(f"[k.__name__ for k in zmq.{name}.__mro__]")
    c("e = zmq.ZMQError(zmq.EAGAIN)")
    c("(e.errno, e.strerror, str(e))")
    c("e = zmq.ZMQError()")
    c("(e.errno, e.strerror, str(e))", norm="type")
    c("e = zmq.ZMQError(zmq.EINVAL, 'custom')")
    c("(e.errno, e.strerror, str(e), repr(e))")
    c("e = zmq.ZMQError('text')")
    c("(e.errno, e.strerror, str(e))")
    c("e = zmq.Again()")
    c("(e.errno, e.strerror)")
    c("e = zmq.Again(zmq.EAGAIN, 'x')")
    c("(e.errno, e.strerror)")
    c("e = zmq.ContextTerminated()")
    c("(e.errno, e.strerror)")
    c("e = zmq.InterruptedSystemCall()")
    c("(e.errno, e.strerror)")
    c("e = zmq.ZMQVersionError('4.4', 'feature')")
    c("(e.min_version, e.msg)")
    c("e = zmq.ZMQVersionError('4.4')")
    c("e.min_version")
    c("e = zmq.ZMQBindError('no port')")
    c("str(e)")
    c("e = zmq.NotDone()")
    c("str(e)")
    c("type(pickle.loads(pickle.dumps(zmq.ZMQError(zmq.EINVAL))))")
    c("pickle.loads(pickle.dumps(zmq.ZMQError(zmq.EINVAL))).errno")
    c("type(pickle.loads(pickle.dumps(zmq.Again())))")
    for number in [
        "zmq.EAGAIN",
        "zmq.EINVAL",
        "zmq.ETERM",
        "zmq.EFSM",
        "zmq.ENOTSOCK",
        "zmq.EMTHREAD",
        "0",
        "-1",
        "99999",
        "'x'",
        "None",
    ]:
        c(f"zmq.strerror({number})")
    c("zmq.zmq_errno()", norm="type")
    c("ctx = zmq.Context()")
    c("s = ctx.socket(zmq.PULL)")
    c("s.recv(zmq.NOBLOCK)")
    c("s.bind('tcp://127.0.0.1:0')", norm="type")
    c("s.bind('nope://x')")
    c("s.connect('tcp://')")
    c("s.setsockopt(9999, 1)")
    c("s.close()")
    c("s.recv()")
    c("s.send(b'x')")
    c("ctx.term()")
    c("ctx.socket(zmq.PUSH)")
    c("zmq.ZMQError(zmq.EAGAIN).__class__")
