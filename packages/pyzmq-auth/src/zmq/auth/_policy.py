"""The decisions of an authenticator: one immutable configuration, applied to a request.

This is the one place where NULL, PLAIN, CURVE and GSSAPI clients are judged; the
authenticator flavours (thread, asyncio, tornado) only differ in how requests reach it.
Peer addresses are compared in one canonical spelling, so that allow and deny lists
match reliably.
"""

from __future__ import annotations

import hmac
import inspect
import ipaddress
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Protocol, TypeVar

from zmq.utils import z85

from ._zap import ZapRequest, ZapStatus, decode_text

#: the domain name that configures the empty domain (PyZMQ's meaning of '*')
ANY_DOMAIN = "*"

_T = TypeVar("_T")


class CurveKeyCheck(Protocol):
    """A way to accept or refuse CURVE client keys for a domain."""

    def accepts(self, domain: str, public_key: bytes) -> bool | Awaitable[bool]:
        """Whether the Z85 ``public_key`` may connect to ``domain``."""


@dataclass(frozen=True)
class CredentialsCallback:
    """Asks an application object, ``provider.callback(domain, key)``, about each key."""

    provider: Any

    def accepts(self, domain: str, public_key: bytes) -> bool | Awaitable[bool]:
        return self.provider.callback(domain, public_key)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Decision:
    """The answer to one request: a ZAP status, a reason, the user id of an allowed peer."""

    status: ZapStatus
    reason: str
    user_id: str = ""

    @property
    def allowed(self) -> bool:
        return self.status == ZapStatus.SUCCESS


def _refuse(reason: str) -> Decision:
    return Decision(ZapStatus.FAILURE, reason)


def _empty_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


def _for_domain(table: Mapping[str, _T], domain: str) -> _T | None:
    """The entry of ``domain``; '*' is the empty domain's, as in PyZMQ."""
    return table.get(domain or ANY_DOMAIN)


@dataclass(frozen=True)
class AccessPolicy:
    """Everything an authenticator is configured with; replaced, never changed.

    ``passwords`` maps domains to the application's own ``{username: password}`` dict,
    read at each request (PyZMQ's: changing it changes the users); ``curve`` maps
    domains to a :class:`CurveKeyCheck`. ``allow_any`` is PyZMQ's CURVE_ALLOW_ANY
    switch: any key is accepted in a domain without a CURVE check of its own (in
    every domain, by opt-in, as PyZMQ).
    Addresses are canonical IP texts (or, denied by opt-in, names that never match).
    """

    allowed: frozenset[str] = frozenset()
    denied: frozenset[str] = frozenset()
    passwords: Mapping[str, Any] = field(default_factory=_empty_mapping)
    curve: Mapping[str, CurveKeyCheck] = field(default_factory=_empty_mapping)
    allow_any: bool = False

    async def decide(
        self,
        request: ZapRequest,
        encoding: str,
        curve_user_id: Callable[[bytes], str | bytes],
        allow_any_overrides: bool = False,
    ) -> Decision:
        """Judge ``request``: first its address, then its mechanism's credentials.

        ``allow_any_overrides``: PyZMQ's policy, where ``allow_any`` also admits any
        key to domains that have a CURVE check of their own.

        A CURVE check or ``curve_user_id`` may raise; the caller turns that into an
        internal error.
        """
        address = peer_address(request.address)
        if self.allowed and address not in self.allowed:
            return _refuse("Address not allowed")
        if address in self.denied:
            return _refuse("Address denied")
        if request.mechanism == "NULL":
            return Decision(ZapStatus.SUCCESS, "OK", "anonymous")
        if request.mechanism == "PLAIN":
            return self._decide_plain(request, encoding)
        if request.mechanism == "CURVE":
            return await self._decide_curve(request, encoding, curve_user_id, allow_any_overrides)
        if request.mechanism == "GSSAPI":
            return self._decide_gssapi(request, encoding)
        return _refuse(f"Unsupported mechanism {request.mechanism!r}")

    def _decide_plain(self, request: ZapRequest, encoding: str) -> Decision:
        passwords = _for_domain(self.passwords, request.domain)
        if passwords is None:
            return _refuse("No PLAIN passwords for this domain")
        username = decode_text(request.credentials[0], "username", encoding)
        if username not in passwords:
            return _refuse("Unknown user")
        expected = passwords[username]
        given = request.credentials[1].decode(encoding, "replace")
        # A constant-time comparison does not tell an attacker how much of a guess was
        # right. As in PyZMQ, a password that is not text matches nothing.
        if not isinstance(expected, str) or not hmac.compare_digest(
            given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
        ):
            return _refuse("Wrong password")
        return Decision(ZapStatus.SUCCESS, "OK", username)

    async def _decide_curve(
        self,
        request: ZapRequest,
        encoding: str,
        curve_user_id: Callable[[bytes], str | bytes],
        allow_any_overrides: bool,
    ) -> Decision:
        check = _for_domain(self.curve, request.domain)
        public_key = z85.encode(request.credentials[0])
        if self.allow_any and (check is None or allow_any_overrides):
            accepted: Any = True
        elif check is None:
            return _refuse("No CURVE configuration for this domain")
        else:
            accepted = check.accepts(request.domain or ANY_DOMAIN, public_key)
            if inspect.isawaitable(accepted):
                accepted = await accepted
        if not accepted:
            return _refuse("Unknown key")
        # the raw key, as PyZMQ passes it: overrides written for PyZMQ expect 32 bytes
        user_id = curve_user_id(request.credentials[0])
        if isinstance(user_id, bytes):
            user_id = user_id.decode(encoding)
        if not isinstance(user_id, str):
            raise TypeError(f"curve_user_id must return str, not {type(user_id).__name__}")
        return Decision(ZapStatus.SUCCESS, "OK", user_id)

    def _decide_gssapi(self, request: ZapRequest, encoding: str) -> Decision:
        # as PyZMQ: libzmq has authenticated the principal (Kerberos) before asking
        return Decision(
            ZapStatus.SUCCESS, "OK", decode_text(request.credentials[0], "principal", encoding)
        )


def canonical_ip(address: str) -> str:
    """The canonical text of an IP address ('::ffff:10.0.0.1' becomes '10.0.0.1'), so that
    allow and deny lists match reliably.

    Raises
    ------
    ValueError
        If ``address`` is not an IPv4 or IPv6 address.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        # a dual-stack socket reports IPv4 peers in their IPv6-mapped form
        ip = ip.ipv4_mapped
    return str(ip)


def peer_address(address: str) -> str:
    """The address of a ZAP request, canonical when it is an IP address.

    Peers of other transports (ipc) have addresses that are not IPs: they are kept as they
    are, and so never equal an entry of the allow and deny lists, which hold only IPs.
    """
    try:
        return canonical_ip(address)
    except ValueError:
        return address
