"""Socket options: every option read through getsockopt and as an attribute, written with
edge and bad values, on several socket types; Mock(spec=socket); repr, dir, hwm."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recorder import Steps


def run(c: Steps) -> None:
    c("import zmq, unittest.mock, warnings")
    c("ctx = zmq.Context()")
    c("readable = {}")
    for kind in ["PUSH", "SUB", "ROUTER", "REQ"]:
        c(f"s = ctx.socket(zmq.{kind})")
        c("s.linger = 0")
        c("{o.name: o._opt_type.name for o in zmq.SocketOption}", norm="superset")
        for option in [
            "TYPE",
            "LINGER",
            "SNDHWM",
            "RCVHWM",
            "AFFINITY",
            "ROUTING_ID",
            "IDENTITY",
            "RATE",
            "RECOVERY_IVL",
            "SNDBUF",
            "RCVBUF",
            "RCVMORE",
            "EVENTS",
            "RECONNECT_IVL",
            "BACKLOG",
            "MAXMSGSIZE",
            "MULTICAST_HOPS",
            "RCVTIMEO",
            "SNDTIMEO",
            "IPV6",
            "IPV4ONLY",
            "IMMEDIATE",
            "LAST_ENDPOINT",
            "TCP_KEEPALIVE",
            "MECHANISM",
            "PLAIN_SERVER",
            "PLAIN_USERNAME",
            "PLAIN_PASSWORD",
            "CURVE_SERVER",
            "ZAP_DOMAIN",
            "HANDSHAKE_IVL",
            "SOCKS_PROXY",
            "THREAD_SAFE",
            "CONNECT_TIMEOUT",
            "TCP_MAXRT",
            "HEARTBEAT_IVL",
            "USE_FD",
            "INVERT_MATCHING",
            "VMCI_BUFFER_SIZE",
            "ROUTER_MANDATORY",
            "SUBSCRIBE",
            "UNSUBSCRIBE",
            "XPUB_VERBOSE",
            "CONNECT_ROUTING_ID",
            "PROBE_ROUTER",
            "REQ_CORRELATE",
            "CONFLATE",
            "HWM",
        ]:
            # (the CURVE keys are left out: libzmq 4.3.5 refuses to read them before they are
            # set, 4.3.4 returns zeros, and the two sides may link either)
            c(f"s.getsockopt(zmq.{option})", norm="type")
            c(f"s.{option.lower()}", norm="type")
        c("s.get(zmq.LINGER)")
        c("s.getsockopt(zmq.FD)", norm="type")
        c("s.fd", norm="type")
        c("s.fileno() == s.getsockopt(zmq.FD)")
        c("s.get(9999)")
        c("s.getsockopt('LINGER')")
        c("s.type")
        c("s.socket_type")
        c("repr(s)")
        c("s.close()")
    c("s = ctx.socket(zmq.DEALER)")
    c("s.linger = 0")
    for value in c.inputs("option_ints"):
        c("s.setsockopt(zmq.SNDHWM, v)", v=value)
        c("s.sndhwm", norm="type")
        c("s.affinity = v", v=value)
        c("s.rcvtimeo = v", v=value)
    for value in c.inputs("option_others"):
        c("s.setsockopt(zmq.LINGER, v)", v=value)
        c("s.set(zmq.ROUTING_ID, v)", v=value)
        c("s.maxmsgsize = v", v=value)
    c("s.routing_id = b'abc'")
    c("s.routing_id")
    c("s.identity")
    c("s.identity = 'text'")
    c("s.set_string(zmq.ROUTING_ID, 'text')")
    c("s.get_string(zmq.ROUTING_ID)")
    c("s.setsockopt_string(zmq.ROUTING_ID, 'tëxt')")
    c("s.getsockopt_string(zmq.ROUTING_ID)")
    c("s.setsockopt_unicode(zmq.ROUTING_ID, 'u')")
    c("s.getsockopt_unicode(zmq.ROUTING_ID)")
    c("s.set_string(zmq.LINGER, '5')")
    c("s.get_string(zmq.LINGER)")
    c("s.setsockopt(zmq.ROUTING_ID, b'x' * 256)")
    c("s.setsockopt(zmq.ROUTING_ID, b'')")
    c("s.setsockopt(9999, 5)")
    c("s.setsockopt(9999, b'5')")
    c("s.setsockopt(zmq.SUBSCRIBE, b'x')")
    c("s.hwm = 5")
    c("(s.hwm, s.sndhwm, s.rcvhwm)")
    c("s.hwm")
    c("s.sndhwm = 3")
    c("s.hwm")
    c("s.set_hwm(7)")
    c("s.get_hwm()")
    c("s.copy_threshold")
    c("s.copy_threshold = 10")
    c("s.copy_threshold")
    c("s.nope")
    c("s.nope = 1")
    c("s.last_endpoint")
    c("s.events")
    c("s.curve_secretkey = b'x' * 40")
    c("s.curve_server = True")
    c("s.curve_server")
    c("s.mechanism")
    c("s.plain_username = b'user'")
    c("s.plain_username")
    c("s.subscribe = b'x'")
    c("s.subscribe")
    c("s.unsubscribe")
    c("s.fd = 3")
    c("s.type = 1")
    c("del s.linger")
    c("'IDENTITY' in dir(s)")
    c("'AFFINITY' in dir(s)")
    c("'send' in dir(s)")
    c("m = unittest.mock.Mock(spec=s)")
    c("m.send(b'x')", norm="type")
    c("m.subscribe", norm="type")
    c("m2 = unittest.mock.Mock(spec=zmq.Socket)")
    c("m2.recv_multipart", norm="type")
    c("isinstance(m2, zmq.Socket)")
    c("unittest.mock.create_autospec(s)", norm="type")
    c("sub = ctx.socket(zmq.SUB)")
    c("sub.subscribe = 'text'")
    c("sub.subscribe('a')")
    c("sub.subscribe(b'b')")
    c("sub.unsubscribe('a')")
    c("sub.setsockopt(zmq.SUBSCRIBE, 'str')")
    c("sub.setsockopt_string(zmq.SUBSCRIBE, 'str')")
    c("sub.subscribe(5)")
    c("sub.close()")
    c("pub = ctx.socket(zmq.PUB)")
    c("pub.setsockopt(zmq.SUBSCRIBE, b'')")
    c("pub.subscribe(b'')")
    c("pub.close()")
    c("s.close()")
    c("s.linger")
    c("s.getsockopt(zmq.LINGER)")
    c("s.linger = 1")
    c("s.closed")
    c("repr(s)")
    c("ctx.term()")
