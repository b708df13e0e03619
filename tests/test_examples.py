"""The documentation's examples run, finish on their own, and print what they say.

Every script in docs/examples/ runs in a fresh interpreter, with warnings
shown: it must exit with status 0 within the timeout, write nothing to
stderr, and print the lines expected of it below (regular expressions, each
matching a whole line of its output, in order). The two example projects
there, a zmq.<plugin> distribution and a Cython extension, are built and run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
EXAMPLES = REPOSITORY / "docs" / "examples"

EXPECTED: dict[str, list[str]] = {
    "reqrep": [
        r"sent 'alice', got 'hello, alice'",
        r"sent 'bob', got 'hello, bob'",
        r"sent 'carol', got 'hello, carol'",
    ],
    "pubsub": [
        r"publisher saw subscription 'weather\.(paris|oslo)'",
        r"publisher saw subscription 'weather\.(paris|oslo)'",
        r"received weather\.paris: 18C",
        r"received weather\.oslo: 3C",
        r"received weather\.paris: 19C",
    ],
    "pipeline": [
        *(rf"worker [0-2]: {n}\^2 = {n * n}" for n in range(1, 10)),
        r"sum of squares: 285",
    ],
    "options": [
        r"context defaults: \['LINGER', 'RCVTIMEO', 'SUBSCRIBE'\]",
        r"new PUSH socket: linger=0, rcvtimeo=1000",
        r"push\.sndhwm=50, push\.get\(zmq\.SNDHWM\)=50",
        r"routing id: b'sensor-7' \(bytes\), 'sensor-7'",
        r"a misspelt option fails loudly: .*NO_SUCH_OPTION.*",
        r"ctx\.max_sockets=64",
    ],
    "text": [
        r"send\(str\) is refused: .+",
        r"on the wire: b'h\\xc3\\xa9llo' \(6 bytes for 5 characters\)",
        r"decoded with the sender's encoding: 'héllo'",
        r"multipart: key 'clé', value b'\\x00\\x01 binary'",
    ],
    "serialization": [
        r"json: \{'id': 1, 'tags': \['a', 'b'\]\}",
        r"pickle: \{1, 2, 3\}",
        r"numpy: float32 \(500, 500\), equal: True",
        r"zlib: \d+ bytes of JSON sent as \d+",
        r"zlib round trip equal: True",
    ],
    "zerocopy": [
        r"sent without copying; libzmq done with the buffer: False",
        r"received a Frame of 1000000 bytes .*",
        r"after the receiver dropped it, done: True",
        r"a small message was copied, its tracker done at once: True",
    ],
    "threads": [
        *(rf"thread-{n} sent 5 messages" for n in range(4)),
        r"20 messages through one PULL socket, owned by the main thread",
    ],
    "device": [
        r"device started: ROUTER for clients, DEALER for workers",
        *(rf"client got: job {n} done by worker-[ab]" for n in range(4)),
        r"device stopped: True",
    ],
    "monitored_queue": [
        r"client got b'ping pong'",
        r"monitor saw a request: b'ping' \(3 parts\)",
        r"monitor saw a reply: b'ping pong' \(3 parts\)",
        r"queue stopped: True",
    ],
    "curve_auth": [
        r"alice: encrypted and accepted, server said 'welcome, .{8}\.\.\.'",
        r"mallory: refused by the server \(HANDSHAKE_FAILED_AUTH\)",
    ],
    "asyncio_reqrep": [
        rf"{name} got 'HELLO FROM {name.upper()}'" for name in ("ann", "ben", "cid")
    ],
    "anyio_workers": [
        *(
            line
            for backend in ("asyncio", "trio")
            for line in (
                rf"on {backend}:",
                r"sum of squares: 285",
                r"workers cancelled while waiting; sockets closed",
            )
        )
    ],
    "readiness_loop": [r"received hello 0", r"received hello 1", r"received hello 2"],
    "tornado_stream": [
        *(rf"client got 'echo: question {n}'" for n in range(3)),
        r"served by tornado's IOLoop: \w+",
    ],
    "gevent_reqrep": [
        *(rf"{name} got 'HELLO FROM {name.upper()}'" for name in ("dan", "eve", "fay")),
        r"the heartbeat greenlet ran while the others waited: True",
    ],
    "ssh_tunnel": [
        r"REP got 'ping through ssh'",
        r"REQ got 'pong'",
    ],
    "log_publisher": [
        r"subscriber: python -m zmq\.log tcp://127\.0\.0\.1:\d+ --topic myapp --level INFO",
        r"publisher saw the subscription to 'myapp'",
        r"subscriber printed: myapp\.INFO \| service started on tcp://127\.0\.0\.1:\d+",
        r"subscriber printed: myapp\.WARNING\.disk \| WARNING log_publisher\.py:\d+ - almost full",
        r"subscriber printed: myapp\.ERROR \| ERROR log_publisher\.py:\d+ - "
        r"request 42 failed - None",
        r"subscriber exited with status 0",
    ],
}


#: third-party modules an example needs beyond pyzmq-core's test requirements
REQUIRES = {"gevent_reqrep": ["gevent"]}

NEEDS = {
    "ssh_tunnel": pytest.mark.skip(
        reason="needs an SSH server: pyzmq-ssh's test_ssh_example.py runs it against a real sshd"
    ),
}


def _examples() -> list[str]:
    return sorted(path.stem for path in EXAMPLES.glob("*.py"))


def test_every_example_has_expectations() -> None:
    assert EXAMPLES.is_dir(), f"the examples are missing: {EXAMPLES}"
    assert _examples() == sorted(EXPECTED)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=NEEDS.get(name, ())) for name in sorted(EXPECTED)]
)
def test_example(name: str, tmp_path: Path, require: Callable[[str], None]) -> None:
    for module in REQUIRES.get(name, ()):
        require(module)
    result = subprocess.run(
        [sys.executable, "-W", "default", str(EXAMPLES / f"{name}.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    expected = EXPECTED[name]
    assert len(lines) == len(expected), result.stdout
    for line, pattern in zip(lines, expected):
        assert re.fullmatch(pattern, line), (pattern, line)


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_plugin_example(tmp_path: Path) -> None:
    """The plugin of the how-to builds a wheel without zmq/__init__.py, and joins zmq."""
    _run(
        sys.executable,
        *("-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"),
        *("-w", str(tmp_path / "wheels"), str(EXAMPLES / "zmq-hello")),
        cwd=tmp_path,
    )
    (wheel,) = (tmp_path / "wheels").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        files = [name for name in archive.namelist() if not name.startswith("zmq_hello-")]
    assert files == ["zmq/hello/__init__.py"]
    target = tmp_path / "site"
    _run(
        sys.executable,
        *("-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)),
        cwd=tmp_path,
    )
    code = "import zmq.hello, zmq.devices; print(zmq.hello.roundtrip(b'plugged in'))"
    env = {**os.environ, "PYTHONPATH": str(target)}
    assert _run(sys.executable, "-c", code, cwd=tmp_path, env=env) == "b'plugged in'\n"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_cython_example(tmp_path: Path) -> None:
    """The Cython extension of the how-to compiles against the core and runs."""
    project = tmp_path / "cython-fastpath"
    shutil.copytree(EXAMPLES / "cython-fastpath", project)
    _run(sys.executable, "setup.py", "-q", "build_ext", "--inplace", cwd=project)
    assert _run(sys.executable, "demo.py", cwd=project).splitlines() == [
        "received with Socket.recv: b'sent by zmq_send'",
        "received a Frame of 100000 bytes",
        "no peer: zmq.Again",
        "closed: errno ENOTSOCK",
    ]


@pytest.mark.timeout(180)
def test_testing_example(tmp_path: Path, require: Callable[[str], None]) -> None:
    """The tests of the testing how-to pass, with zmq.testing enabled by their conftest."""
    require("gevent")  # for its test on each implementation, zmq.green's too
    project = tmp_path / "testing"
    shutil.copytree(EXAMPLES / "testing", project)
    strict = [
        "-W",
        "error::ResourceWarning",
        "-W",
        "error::pytest.PytestUnraisableExceptionWarning",
    ]
    out = _run(
        sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", *strict, cwd=project
    )
    assert "PASSED test_echo.py::test_echo_keeps_the_parts" in out
    assert "PASSED test_echo.py::test_echo_over_tcp" in out
    assert "PASSED test_echo.py::test_echo_on_each_implementation[zmq]" in out
    assert "PASSED test_echo.py::test_echo_on_each_implementation[zmq.green]" in out
