"""zmq.auth: certificates, ThreadAuthenticator with real NULL/PLAIN/CURVE handshakes,
allow/deny, CURVE_ALLOW_ANY, configure_plain, the asyncio and ioloop authenticators."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recorder import Steps


def handshake(server: Any, client: Any, timeout: int = 1500) -> str | None:
    """The User-Id of a message from client to server, None if none gets through."""
    import zmq

    server.linger = client.linger = 0
    server.rcvtimeo = timeout
    port = server.bind_to_random_port("tcp://127.0.0.1")
    client.connect(f"tcp://127.0.0.1:{port}")
    client.send(b"hello")
    try:
        return server.recv(copy=False).get("User-Id")
    except zmq.Again:
        return None
    finally:
        server.close()
        client.close()


def run(c: Steps) -> None:
    c.let(handshake=handshake)
    c("import zmq, zmq.auth, os, asyncio")
    c("from zmq.auth.thread import ThreadAuthenticator")
    c("keys = os.path.join(tmp, 'keys'); os.mkdir(keys)")
    c("server_pub, server_sec = zmq.auth.create_certificates(keys, 'server')")
    c("(os.path.basename(server_pub), os.path.basename(server_sec))")
    c("client_pub, client_sec = zmq.auth.create_certificates(keys, 'client', metadata={'k': 'v'})")
    c("spub, ssec = zmq.auth.load_certificate(server_sec)")
    c("(len(spub), len(ssec))")
    c("cpub, csec = zmq.auth.load_certificate(client_sec)")
    c("zmq.auth.load_certificate(client_pub)[1]")
    c("zmq.auth.load_certificate(os.path.join(keys, 'missing'))")
    c("sorted(zmq.auth.load_certificates(keys).values())")
    c("len(zmq.auth.load_certificates(keys))")
    c("zmq.auth.load_certificates(os.path.join(tmp, 'nope'))")
    c("zmq.auth.create_certificates(os.path.join(tmp, 'nope'), 'x')")
    c("open(os.path.join(keys, 'junk.key'), 'w').write('not a cert')")
    c("zmq.auth.load_certificate(os.path.join(keys, 'junk.key'))")
    c("zmq.auth.CURVE_ALLOW_ANY")
    c("ctx = zmq.Context()")
    c("auth = ThreadAuthenticator(ctx)")
    c("auth.start()")
    c("auth.is_alive()")
    c("auth.allow('127.0.0.1')")
    c("handshake(ctx.socket(zmq.PULL), ctx.socket(zmq.PUSH))")
    c("auth.configure_plain(domain='*', passwords={'admin': 'secret'})")
    c(
        "def plain(user, password):\n    s = ctx.socket(zmq.PULL); s.plain_server = True\n    k = ctx.socket(zmq.PUSH); k.plain_username = user; k.plain_password = password\n    return handshake(s, k)"
    )
    c("plain(b'admin', b'secret')")
    c("plain(b'admin', b'wrong')")
    c("pw = {'admin': 'secret'}")
    c("auth.configure_plain(domain='*', passwords=pw)")
    c("pw['late'] = 'added'")
    c("plain(b'late', b'added')")
    c("auth.configure_plain('*', None)")
    c("auth.configure_plain('*', {})")
    c("plain(b'admin', b'secret')")
    c("auth.configure_plain('*', {'bytes': b'pw'})")
    c("plain(b'bytes', b'pw')")
    c("auth.configure_plain('*', {'zoë': 'pässwörd'})")
    c("plain('zoë'.encode(), 'pässwörd'.encode())")
    c("auth.configure_plain(b'*', {'admin': 'secret'})")
    c("auth.configure_plain(passwords={'admin': 'secret'})")
    c("plain(b'admin', b'secret')")
    c(
        "def curve(domain_server=None, timeout=1500):\n    s = ctx.socket(zmq.PULL); s.curve_secretkey = ssec; s.curve_publickey = spub; s.curve_server = True\n    if domain_server is not None: s.zap_domain = domain_server\n    k = ctx.socket(zmq.PUSH); k.curve_secretkey = csec; k.curve_publickey = cpub; k.curve_serverkey = spub\n    return handshake(s, k, timeout)"
    )
    c("auth.configure_curve(domain='*', location=keys)")
    c("curve() == cpub.decode()")
    c("curve(b'other') == cpub.decode()")
    c("auth.configure_curve(domain='*', location=zmq.auth.CURVE_ALLOW_ANY)")
    c("curve() == cpub.decode()")
    c("auth.configure_curve(domain='special', location=zmq.auth.CURVE_ALLOW_ANY)")
    c("auth.configure_curve(domain='*', location=os.path.join(tmp, 'empty'))")
    c("curve(b'special') == cpub.decode()")
    c("curve(b'') == cpub.decode()")
    c("class Provider:\n    def callback(self, domain, key):\n        return key == cpub")
    c("auth.configure_curve_callback(domain='*', credentials_provider=Provider())")
    c("curve() == cpub.decode()")
    c("import zmq.utils.z85")
    c("auth.curve_user_id(zmq.utils.z85.decode(cpub)) == cpub.decode()")
    c("len(auth.curve_user_id(cpub))")
    c("auth.curve_user_id(b'')")
    c("auth.curve_user_id(b'abc')")
    c("auth.curve_user_id('text')")
    c("auth.curve_user_id(None)")
    # credentials providers: what they are given, what they may return
    c(
        "class Recorder:\n    def __init__(self, answer):\n        self.answer, self.seen = answer, []\n"
        "    def callback(self, domain, key):\n        self.seen.append((domain, key == cpub))\n"
        "        return self.answer"
    )
    c("recorder = Recorder(1)")
    c("auth.configure_curve_callback('*', recorder)")
    c("curve() == cpub.decode()")
    c("recorder.seen")
    c("auth.configure_curve_callback('dom', Recorder('yes'))")
    c("curve(b'dom') == cpub.decode()")
    c("auth.configure_curve_callback('*', Recorder(''))")
    c("curve(timeout=500)")
    c("class Later:\n    async def callback(self, domain, key):\n        return key == cpub")
    c("auth.configure_curve_callback('*', Later())")
    c("curve() == cpub.decode()")
    c("auth.configure_curve_callback('*', None)")
    c("auth.allow_any")
    c("curve() == cpub.decode()")
    c("auth.configure_curve_callback()")
    c("auth.deny('127.0.0.1')")
    c("auth.allow('localhost')")
    c("auth.deny('not an address')")
    c("auth.allow()")
    c("auth.configure_gssapi()")
    c("auth.stop()")
    c("auth.is_alive()")
    c("ctx.term()")
    c("import zmq.auth.asyncio, zmq.asyncio")
    c("actx = zmq.asyncio.Context()")
    c("aauth = zmq.auth.asyncio.AsyncioAuthenticator(actx)")
    c(
        "async def go():\n    aauth.start()\n    aauth.configure_plain(domain='*', passwords={'u': 'p'})\n    s = actx.socket(zmq.PULL); s.plain_server = True; s.linger = 0\n    k = actx.socket(zmq.PUSH); k.plain_username = b'u'; k.plain_password = b'p'; k.linger = 0\n    port = s.bind_to_random_port('tcp://127.0.0.1')\n    k.connect(f'tcp://127.0.0.1:{port}')\n    await k.send(b'hi')\n    try:\n        f = await asyncio.wait_for(s.recv(copy=False), 3)\n        return f.get('User-Id')\n    finally:\n        s.close(); k.close(); aauth.stop()"
    )
    c("asyncio.run(go())")
    c(
        "class AsyncKeys:\n    def __init__(self):\n        self.seen = []\n"
        "    async def callback(self, domain, key):\n        await asyncio.sleep(0)\n"
        "        self.seen.append(domain)\n        return key == cpub"
    )
    c("keys_provider = AsyncKeys()")
    # a context of its own: PyZMQ's stopped authenticator may hold the ZAP endpoint a while
    c("actx2 = zmq.asyncio.Context()")
    c("aauth2 = zmq.auth.asyncio.AsyncioAuthenticator(actx2)")
    c(
        "async def go_curve():\n    aauth2.start()\n    aauth2.configure_curve_callback('*', keys_provider)\n    s = actx2.socket(zmq.PULL); s.curve_secretkey = ssec; s.curve_publickey = spub; s.curve_server = True; s.linger = 0\n    k = actx2.socket(zmq.PUSH); k.curve_secretkey = csec; k.curve_publickey = cpub; k.curve_serverkey = spub; k.linger = 0\n    port = s.bind_to_random_port('tcp://127.0.0.1')\n    k.connect(f'tcp://127.0.0.1:{port}')\n    await k.send(b'hi')\n    try:\n        f = await asyncio.wait_for(s.recv(copy=False), 3)\n        return f.get('User-Id') == cpub.decode()\n    finally:\n        s.close(); k.close(); aauth2.stop()"
    )
    c("asyncio.run(go_curve())")
    c("keys_provider.seen")
    c("actx2.term()")
    c("actx.term()")
    c("import zmq.auth.ioloop")
    c("ictx = zmq.Context()")
    c("iauth = zmq.auth.ioloop.IOLoopAuthenticator(ictx)")
    c("type(iauth)")
    c("ictx.term()")
    # configuration with odd input, on authenticators that never start
    c("bare = zmq.auth.Authenticator(zmq.Context.instance())")
    for call in [
        "allow(b'127.0.0.1')",
        "allow(5)",
        "allow('10.0.0.1', '::1', '::ffff:10.0.0.2')",
        "allow(None)",
    ]:
        c(f"bare.{call}")
    c("bare2 = zmq.auth.Authenticator(zmq.Context.instance())")
    for call in [
        "deny(b'127.0.0.1')",
        "deny(5)",
        "deny('10.0.0.1')",
        "deny()",
        "allow('10.0.0.3')",
    ]:
        c(f"bare2.{call}")
    for call in [
        "configure_plain('*', [('user', 'pw')])",
        "configure_plain('*', 'user=pw')",
        "configure_plain(None, {'u': 'p'})",
        "configure_curve('*', 5)",
        "configure_curve('*', None)",
        "configure_curve(None, '.')",
        "configure_curve('*', b'.')",
        "configure_curve_callback('*', object())",
        "configure_curve_callback(5, None)",
        "configure_gssapi(5)",
        "configure_gssapi('*', 'location')",
    ]:
        c(f"bare.{call}")
    c("bare.allow_any")
    c("zmq.auth.Authenticator(context='not a context')")
    c("zmq.auth.Authenticator(encoding=5)")
    c("zmq.auth.Authenticator(encoding='no-such-codec')")
    c("zmq.auth.Authenticator(log=5).log")
    c("zmq.auth.Authenticator(context='not a context').start()")
    c("zmq.auth.Authenticator(0).context is zmq.Context.instance()")
    c("base = zmq.auth.Authenticator(zmq.Context.instance())")
    c("base.start()")
    c("base.handle_zap_message([b'1.0', b'1', b'', b'127.0.0.1', b'', b'NULL'])")
    c("base.handle_zap_message([b'bad'])")
    c("base.stop()")
    c("zmq.Context.instance().term()")
