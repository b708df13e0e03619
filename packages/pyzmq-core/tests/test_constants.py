"""Constants: one table, flat names that are the enum members, libzmq's numbers."""

from __future__ import annotations

import ast
import pickle
import re
import subprocess
from enum import Enum, IntEnum, IntFlag
from pathlib import Path

import pytest

import zmq
from zmq import constants

ENUMS = [
    zmq.SocketType,
    zmq.SocketOption,
    zmq.ContextOption,
    zmq.Flag,
    zmq.PollEvent,
    zmq.Event,
    zmq.MessageOption,
    zmq.SecurityMechanism,
    zmq.DeviceType,
    zmq.Errno,
    zmq.RouterNotify,
    zmq.ReconnectStop,
    zmq.NormMode,
]
PREFIXES = {
    zmq.Event: "EVENT_",
    zmq.NormMode: "NORM_",
    zmq.ReconnectStop: "RECONNECT_STOP_",
    zmq.RouterNotify: "NOTIFY_",
}


def flat_name(enum, name):
    if name.startswith("PROTOCOL_ERROR_"):
        return name
    return PREFIXES.get(enum, "") + name


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_flat_names_are_the_enum_members(enum):
    for name, member in enum.__members__.items():
        flat = flat_name(enum, name)
        assert getattr(zmq, flat) is member, flat
        assert getattr(constants, flat) is member, flat
        assert flat in zmq.__all__
        if member.name == name:
            assert name in repr(member)


def test_identity_examples():
    assert zmq.PUSH is zmq.SocketType.PUSH
    assert zmq.POLLIN is zmq.PollEvent.POLLIN
    assert zmq.constants.SUBSCRIBE is zmq.SocketOption.SUBSCRIBE
    assert zmq.IDENTITY is zmq.ROUTING_ID
    assert zmq.NOBLOCK is zmq.DONTWAIT
    assert zmq.XREQ is zmq.DEALER


def test_option_types():
    assert zmq.IDENTITY._opt_type is constants._OptType.bytes
    assert zmq.AFFINITY._opt_type is constants._OptType.int64
    assert zmq.CURVE_SERVER._opt_type is constants._OptType.int
    assert zmq.FD._opt_type is constants._OptType.fd
    assert zmq.LAST_ENDPOINT._opt_type is constants._OptType.bytes


def _header_defines() -> dict[str, int]:
    """libzmq's numbers, from the zmq.h the core was built against (with drafts):
    the one it bundles (ZMQ_PREFIX=bundled), or the system's."""
    bundled = [Path(d, "zmq.h") for d in zmq.get_includes() if Path(d, "zmq.h").is_file()]
    include = (
        subprocess.run(
            ["pkg-config", "--variable=includedir", "libzmq"], capture_output=True, text=True
        ).stdout.strip()
        or "/usr/include"
    )
    text = (bundled[0] if bundled else Path(include, "zmq.h")).read_text()
    defines = {}
    for name, value in re.findall(r"#define ZMQ_(\w+)\s+(0x[0-9a-fA-F]+|-?\d+)\b", text):
        defines[name] = int(value, 0)
    return defines


def test_values_match_libzmq_header():
    defines = _header_defines()
    checked = 0
    # names whose header spelling differs, or whose libzmq 4.3.4 value was a bug
    skip = {"RECONNECT_STOP_AFTER_DISCONNECT", "HWM"}
    for enum in ENUMS:
        if enum is zmq.Errno:
            continue
        for name, member in enum.__members__.items():
            flat = flat_name(enum, name)
            header = defines.get(flat, defines.get(name))
            if header is None or flat in skip:
                continue
            assert int(member) == header, f"{flat}: {int(member)} != zmq.h's {header}"
            checked += 1
    assert checked > 150


def test_errno_values_match_libzmq():
    for name, member in zmq.Errno.__members__.items():
        assert zmq.strerror(member) != f"Unknown error {int(member)}", name
    assert zmq.ETERM == 156384712 + 53


def test_draft_names_exist_even_without_drafts():
    for name in ("SERVER", "CLIENT", "RADIO", "DISH", "ROUTER_NOTIFY", "RECONNECT_STOP"):
        assert hasattr(zmq, name)
    assert zmq.SERVER in constants.DRAFT_SOCKET_TYPES
    assert zmq.ROUTER_NOTIFY in constants.DRAFT_SOCKET_OPTIONS


@pytest.mark.skipif(zmq.has("draft"), reason="libzmq has the draft API: nothing to refuse")
def test_draft_names_are_refused_clearly(context):
    # libzmq makes the socket, as PyZMQ lets it (CLIENT, SCATTER... work without drafts)
    context.socket(zmq.SERVER).close()
    sock = context.socket(zmq.ROUTER)
    try:
        # what libzmq says (EINVAL, as PyZMQ raises it) and what is missing
        with pytest.raises(zmq.ZMQVersionError, match="ROUTER_NOTIFY") as info:
            sock.router_notify = zmq.NOTIFY_CONNECT
        assert isinstance(info.value, zmq.ZMQError)
        assert info.value.errno == zmq.EINVAL
        # read as an attribute, it is missing, so that mocks and hasattr work
        assert not hasattr(sock, "router_notify")
    finally:
        sock.close()


def test_all_has_every_public_name():
    expected = {
        "get_includes",
        "COPY_THRESHOLD",
        "DRAFT_API",
        "Context",
        "SyncContext",
        "Socket",
        "SyncSocket",
        "Frame",
        "Message",
        "Poller",
        "select",
        "MessageTracker",
        "_FINISHED_TRACKER",
        "zmq_version",
        "zmq_version_info",
        "pyzmq_version",
        "pyzmq_version_info",
        "__version__",
        "__revision__",
        "Stopwatch",
        "proxy",
        "proxy_steerable",
        "zmq_poll",
        "strerror",
        "zmq_errno",
        "has",
        "curve_keypair",
        "curve_public",
        "IPC_PATH_MAX_LEN",
        "PYZMQ_DRAFT_API",
        "device",
        "ZMQBaseError",
        "ZMQError",
        "Again",
        "ContextTerminated",
        "NotDone",
        "ZMQBindError",
        "ZMQVersionError",
        "InterruptedSystemCall",
        "DraftFDWarning",
    }
    assert expected <= set(zmq.__all__)
    for name in zmq.__all__:
        assert hasattr(zmq, name), name


def test_constants_all_is_every_flat_name_then_the_enums():
    flat = [name for name in constants.__all__ if isinstance(getattr(constants, name), Enum)]
    classes = constants.__all__[len(flat) :]
    assert flat == sorted(flat) and len(flat) == 244
    assert classes == sorted(enum.__name__ for enum in [*ENUMS, Enum, IntEnum, IntFlag])
    assert set(zmq.constants.__all__) <= set(zmq.__all__)


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_flat_names_pickle_as_the_members(enum):
    for name in enum.__members__:
        member = getattr(zmq, flat_name(enum, name))
        assert pickle.loads(pickle.dumps(member)) is member


def test_type_checkers_see_every_flat_name():
    """zmq/_flat_constants.pyi declares the flat names derived at import, with
    their enum as type: written by tools/constants_stub.py, it must be current."""
    stub = Path(constants.__file__).with_name("_flat_constants.pyi")
    declared = {
        node.target.id: ast.unparse(node.annotation)
        for node in ast.parse(stub.read_text()).body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    derived = {
        name: type(member).__name__
        for name in constants.__all__
        if isinstance(member := getattr(constants, name), Enum)
    }
    assert declared == derived, "run tools/constants_stub.py: the stub is out of date"
