"""CURVE encryption and authentication: a server accepts only the clients it trusts.

The certificates are made when the program runs, in a temporary directory:
each side has a key pair; the server's public key is given to the clients, and
the clients' public certificates go into a directory the server trusts.
"""

import shutil
import tempfile
from pathlib import Path

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator
from zmq.utils.monitor import recv_monitor_message


def make_keys(base: Path) -> tuple[Path, Path]:
    """Key pairs for the server and two clients, of which only alice is trusted."""
    keys, trusted = base / "keys", base / "trusted"
    keys.mkdir()
    trusted.mkdir()
    for name in ("server", "alice", "mallory"):
        zmq.auth.create_certificates(keys, name)
    shutil.copy(keys / "alice.key", trusted)  # her public certificate only
    return keys, trusted


def client_socket(ctx: zmq.Context, keys: Path, name: str) -> zmq.Socket:
    client = ctx.socket(zmq.REQ)
    client.curve_publickey, client.curve_secretkey = zmq.auth.load_certificate(
        keys / f"{name}.key_secret"
    )
    # a client needs the server's public key, from the server's public certificate
    client.curve_serverkey, _ = zmq.auth.load_certificate(keys / "server.key")
    return client


def handshake(client: zmq.Socket, url: str) -> zmq.Event:
    """Connect, and return how the CURVE handshake ended, as the client's monitor saw it."""
    # the monitor starts before the connection, so that it sees the whole handshake
    monitor = client.get_monitor_socket(
        zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH
    )
    monitor.rcvtimeo = 5000
    try:
        client.connect(url)
        return recv_monitor_message(monitor)["event"]
    finally:
        client.disable_monitor()
        monitor.close()


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="curve-example-"))
    try:
        keys, trusted = make_keys(base)
        with zmq.Context() as ctx:
            ctx.linger = 0
            auth = ThreadAuthenticator(ctx)
            auth.start()
            # clients must hold a key whose public certificate is in `trusted`
            auth.configure_curve(domain="*", location=trusted)

            with ctx.socket(zmq.REP) as server:
                server.curve_publickey, server.curve_secretkey = zmq.auth.load_certificate(
                    keys / "server.key_secret"
                )
                server.curve_server = True
                url = f"tcp://127.0.0.1:{server.bind_to_random_port('tcp://127.0.0.1')}"
                server.rcvtimeo = 5000

                for name in ("alice", "mallory"):
                    with client_socket(ctx, keys, name) as client:
                        event = handshake(client, url)
                        if event != zmq.EVENT_HANDSHAKE_SUCCEEDED:
                            print(f"{name}: refused by the server ({event.name})")
                            continue
                        client.send_string(f"hello from {name}")
                        request = server.recv(copy=False)
                        # the authenticator names the client by its public key
                        user = request.get("User-Id")
                        server.send_string(f"welcome, {user[:8]}...")
                        reply = client.recv_string()
                        print(f"{name}: encrypted and accepted, server said {reply!r}")
            auth.stop()
    finally:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
