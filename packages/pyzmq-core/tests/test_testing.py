"""zmq.testing: the pytest plugin every distribution's tests use, and users may too."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import zmq
import zmq.asyncio
from zmq.testing import (
    TEST_TIMEOUT_MS,
    KeepingContext,
    bind_tcp,
    implementations,
    keeping,
)


def test_a_keeping_context_closes_the_sockets_a_test_dropped():
    ctx = KeepingContext()
    ctx.socket(zmq.PUSH).bind("inproc://dropped")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        gc.collect()  # the socket is kept: no ResourceWarning from it
        kept = list(ctx._kept)
        ctx.destroy(linger=0)
    assert len(kept) == 1 and kept[0].closed


def test_keeping_makes_one_subclass_per_class_named_as_its_base():
    assert keeping(zmq.Context) is KeepingContext
    asyncio_keeping = keeping(zmq.asyncio.Context)
    assert asyncio_keeping is keeping(zmq.asyncio.Context)
    assert issubclass(asyncio_keeping, zmq.asyncio.Context)
    ctx = asyncio_keeping()
    try:
        assert repr(ctx).startswith("<zmq.asyncio.Context() at 0x")
        assert type(ctx.socket(zmq.PUSH)) is zmq.asyncio.Socket
    finally:
        ctx.destroy(linger=0)


def test_bind_tcp_gives_an_address_of_127_0_0_1_to_connect_to(socket):
    server, client = socket(zmq.PULL), socket(zmq.PUSH)
    address = bind_tcp(server)
    assert address.startswith("tcp://127.0.0.1:")
    assert server.last_endpoint.decode() == address
    client.connect(address)
    client.send(b"over tcp")
    assert server.recv() == b"over tcp"


def test_socket_sets_timeouts_unless_given(socket):
    assert socket(zmq.PULL).rcvtimeo == TEST_TIMEOUT_MS
    assert socket(zmq.PUSH).sndtimeo == TEST_TIMEOUT_MS
    sock = socket(zmq.SUB, rcvtimeo=5, subscribe=b"topic")
    assert sock.rcvtimeo == 5
    with pytest.raises(zmq.Again):
        sock.recv()


@pytest.mark.parametrize("transport", ["inproc", "tcp"])
def test_pair_connects_two_sockets(pair, transport):
    bound, connected = pair(zmq.PULL, zmq.PUSH, transport)
    assert bound.last_endpoint.decode().startswith(f"{transport}://")
    connected.send(b"through the pair")
    assert bound.recv() == b"through the pair"


def test_context_and_zmq_fixtures_default_to_zmq(zmq, context):
    assert zmq is sys.modules["zmq"]
    assert type(context) is KeepingContext


def test_implementations_lists_zmq_first():
    assert implementations()[0] == "zmq"


USER_TESTS = """
import pytest

import zmq


def test_fixtures(context, socket, pair):
    a, b = pair(zmq.PUSH, zmq.PULL)
    a.send(b"x")
    assert b.recv() == b"x"
    assert socket(zmq.PUB).context is context


def test_dropped_socket(context):
    context.socket(zmq.PUSH)


@pytest.mark.zmq_implementations
def test_each(zmq, context):
    print("IMPLEMENTATION", zmq.__name__, type(context).__mro__[1].__module__)


@pytest.mark.zmq_implementations
@pytest.mark.not_for("zmq", "the reason")
def test_not_for_zmq(zmq):
    print("IMPLEMENTATION not_for", zmq.__name__)


def test_missing_module(require):
    require("zmq_testing_no_such_module")
"""


#: a socket left to the garbage collector fails the run, as in this project's tests
STRICT = ["-W", "error::ResourceWarning", "-W", "error::pytest.PytestUnraisableExceptionWarning"]


def _run_pytest(tmp_path: Path, tests: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``tests``, with zmq.testing enabled as a user enables it."""
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["zmq.testing"]\n')
    (tmp_path / "test_user.py").write_text(textwrap.dedent(tests))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "-s", *STRICT, tmp_path],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.timeout(180)
def test_a_users_conftest_enables_the_plugin(tmp_path):
    result = _run_pytest(tmp_path, USER_TESTS)
    out = result.stdout
    assert "PASSED test_user.py::test_fixtures" in out
    assert "PASSED test_user.py::test_dropped_socket" in out
    for name in implementations():
        assert f"PASSED test_user.py::test_each[{name}]" in out
        assert f"IMPLEMENTATION {name} " in out
    assert re.search(r"SKIPPED \[1\] test_user.py:\d+: not for zmq: the reason", out)
    assert "IMPLEMENTATION not_for zmq\n" not in out
    assert "FAILED test_user.py::test_missing_module" in out
    assert "zmq_testing_no_such_module is not installed, and the test needs it" in out
    assert result.returncode == 1, out + result.stderr


@pytest.mark.parametrize(
    ("tests", "message"),
    [
        (
            "@pytest.mark.zmq_implementations\n"
            "@pytest.mark.not_for('zmq.grene', 'typo')\n"
            "def test_typo(zmq):\n    pass\n",
            "not_for: no implementation 'zmq.grene'",
        ),
        (
            "@pytest.mark.zmq_implementations\n"
            "@pytest.mark.not_for('zmq', 'never parametrized')\n"
            "def test_without_zmq():\n    pass\n",
            "not_for on a test that uses no implementation",
        ),
    ],
    ids=["unknown-implementation", "test-without-zmq"],
)
@pytest.mark.timeout(180)
def test_a_not_for_that_cannot_apply_is_an_error(tmp_path, tests, message):
    result = _run_pytest(tmp_path, "import pytest\n\n" + tests)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr
