"""Fixtures for pyzmq-auth's tests: real contexts, authenticators, CURVE certificates, and
PLAIN, CURVE and NULL sockets over tcp://127.0.0.1 whose handshakes the tests judge."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator
from zmq.testing import TEST_TIMEOUT_MS
from zmq.utils.monitor import recv_monitor_message

_HANDSHAKE_EVENTS = (
    zmq.EVENT_HANDSHAKE_SUCCEEDED,
    zmq.EVENT_HANDSHAKE_FAILED_AUTH,
    zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL,
    zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL,
)


@pytest.fixture
def auth(context: zmq.Context[Any]) -> Iterator[ThreadAuthenticator]:
    """A started ThreadAuthenticator of ``context``, stopped after the test."""
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    yield authenticator
    authenticator.stop()
    assert not authenticator.is_alive()


@dataclass(frozen=True)
class Certificates:
    """CURVE certificates in files: a server pair, two client pairs, and a directory of the
    public certificates the server trusts (only ``client``'s at first)."""

    server_public: bytes
    server_secret: bytes
    client_public: bytes
    client_secret: bytes
    stranger_public: bytes
    stranger_secret: bytes
    trusted: Path
    keys: Path


@pytest.fixture
def certificates(tmp_path: Path) -> Certificates:
    keys = tmp_path / "keys"
    trusted = tmp_path / "trusted"
    keys.mkdir()
    pairs = {}
    for name in ("server", "client", "stranger"):
        _, secret_file = zmq.auth.create_certificates(keys, name)
        pairs[name] = zmq.auth.load_certificate(secret_file)
    trusted.mkdir()
    (trusted / "client.key").write_bytes((keys / "client.key").read_bytes())
    return Certificates(
        server_public=pairs["server"][0],
        server_secret=pairs["server"][1],  # type: ignore[arg-type]
        client_public=pairs["client"][0],
        client_secret=pairs["client"][1],  # type: ignore[arg-type]
        stranger_public=pairs["stranger"][0],
        stranger_secret=pairs["stranger"][1],  # type: ignore[arg-type]
        trusted=trusted,
        keys=keys,
    )


class Peers:
    """Servers (PULL, bound) and clients (PUSH, connected) of one context, closed at the end.

    Every server and client has a monitor, so a test can see how its handshakes end.
    """

    def __init__(self, context: zmq.Context[Any]) -> None:
        self.context = context
        self._sockets: list[zmq.Socket[Any]] = []
        self._monitors: dict[zmq.Socket[Any], zmq.Socket[Any]] = {}

    def _socket(self, socket_type: int, options: dict[str, Any]) -> zmq.Socket[Any]:
        sock = self.context.socket(socket_type)
        self._sockets.append(sock)
        sock.linger = 0
        sock.rcvtimeo = sock.sndtimeo = TEST_TIMEOUT_MS
        for name, value in options.items():
            setattr(sock, name, value)
        monitor = sock.get_monitor_socket(
            zmq.EVENT_HANDSHAKE_SUCCEEDED
            | zmq.EVENT_HANDSHAKE_FAILED_AUTH
            | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL
            | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL
        )
        monitor.rcvtimeo = TEST_TIMEOUT_MS
        self._monitors[sock] = monitor
        return sock

    def server(self, **options: Any) -> zmq.Socket[Any]:
        """A PULL socket with ``options`` (e.g. ``plain_server=True``) bound to a port."""
        sock = self._socket(zmq.PULL, options)
        sock.bind_to_random_port("tcp://127.0.0.1")
        return sock

    def client(self, server: zmq.Socket[Any], **options: Any) -> zmq.Socket[Any]:
        """A PUSH socket with ``options`` connected to ``server``."""
        sock = self._socket(zmq.PUSH, options)
        sock.connect(server.last_endpoint.decode())
        return sock

    def plain_server(self, **options: Any) -> zmq.Socket[Any]:
        return self.server(plain_server=True, **options)

    def plain_client(
        self, server: zmq.Socket[Any], username: str, password: str
    ) -> zmq.Socket[Any]:
        return self.client(
            server, plain_username=username.encode(), plain_password=password.encode()
        )

    def curve_server(self, certificates: Certificates, **options: Any) -> zmq.Socket[Any]:
        return self.server(
            curve_server=True,
            curve_publickey=certificates.server_public,
            curve_secretkey=certificates.server_secret,
            **options,
        )

    def curve_client(
        self, server: zmq.Socket[Any], certificates: Certificates, public: bytes, secret: bytes
    ) -> zmq.Socket[Any]:
        return self.client(
            server,
            curve_serverkey=certificates.server_public,
            curve_publickey=public,
            curve_secretkey=secret,
        )

    def handshake(self, sock: zmq.Socket[Any]) -> tuple[int, int]:
        """The (event, value) that ends the next handshake of ``sock``, waited for."""
        monitor = self._monitors[sock]
        deadline = time.monotonic() + TEST_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            event = recv_monitor_message(monitor)
            if event["event"] in _HANDSHAKE_EVENTS:
                return event["event"], event["value"]
        raise AssertionError("no handshake ended in time")

    def expect_admitted(
        self, server: zmq.Socket[Any], client: zmq.Socket[Any], user_id: str | None = None
    ) -> None:
        """``client`` gets a message through; the server sees ``user_id`` as its User-Id.

        The message must be the first the server receives: a refused client's message
        arriving instead fails the test.
        """
        client.send(b"admitted")
        frame = server.recv(copy=False)
        assert frame.bytes == b"admitted"
        if user_id is not None:
            assert frame.get("User-Id") == user_id
        assert self.handshake(server) == (zmq.EVENT_HANDSHAKE_SUCCEEDED, 0)
        assert self.handshake(client) == (zmq.EVENT_HANDSHAKE_SUCCEEDED, 0)

    def expect_refused(
        self, server: zmq.Socket[Any], client: zmq.Socket[Any], status: int = 400
    ) -> None:
        """``client`` is refused with ZAP ``status``, and its message does not arrive.

        Both ends must report the refusal. Admitting another client after this proves
        the server was listening all along (see :meth:`expect_admitted`).
        """
        with contextlib.suppress(zmq.Again):
            # queued until the refusal drops the connection; once it has, there is
            # nowhere to queue it, and nothing that could carry it either
            client.send(b"refused client's message", zmq.NOBLOCK)
        assert self.handshake(server) == (zmq.EVENT_HANDSHAKE_FAILED_AUTH, status)
        assert self.handshake(client) == (zmq.EVENT_HANDSHAKE_FAILED_AUTH, status)
        assert server.poll(0) == 0, "a refused client's message reached the server"

    def close(self) -> None:
        for sock, monitor in self._monitors.items():
            sock.disable_monitor()
            monitor.close(linger=0)
        for sock in self._sockets:
            sock.close(linger=0)


@pytest.fixture
def peers(context: zmq.Context[Any]) -> Iterator[Peers]:
    """Make PLAIN, CURVE and NULL servers and clients; all closed after the test."""
    made = Peers(context)
    yield made
    made.close()


class ZapClient:
    """Sends raw ZAP requests to the authenticator of a context, as libzmq would."""

    def __init__(self, context: zmq.Context[Any]) -> None:
        self.socket = context.socket(zmq.REQ)
        self.socket.linger = 0
        self.socket.rcvtimeo = self.socket.sndtimeo = TEST_TIMEOUT_MS
        self.socket.connect("inproc://zeromq.zap.01")

    def ask(self, *frames: bytes | str) -> list[bytes]:
        """Send a request, return the reply."""
        self.socket.send_multipart([f.encode() if isinstance(f, str) else f for f in frames])
        return self.socket.recv_multipart()

    def request(
        self,
        mechanism: str,
        *credentials: bytes | str,
        domain: str = "",
        address: str = "127.0.0.1",
        request_id: bytes = b"7",
    ) -> list[bytes]:
        """Send a well-formed request, return the reply."""
        return self.ask("1.0", request_id, domain, address, b"identity", mechanism, *credentials)


@pytest.fixture
def zap_client(context: zmq.Context[Any]) -> Iterator[Callable[[], ZapClient]]:
    """Make raw ZAP clients of ``context``; all closed after the test."""
    made: list[ZapClient] = []

    def make() -> ZapClient:
        made.append(ZapClient(context))
        return made[-1]

    yield make
    for client in made:
        client.socket.close()


@pytest.fixture
def zap(auth: ThreadAuthenticator, zap_client: Callable[[], ZapClient]) -> ZapClient:
    """A raw ZAP client of the running ``auth``."""
    return zap_client()
