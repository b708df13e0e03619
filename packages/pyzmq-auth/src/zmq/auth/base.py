"""Authenticator: a ZAP (ZeroMQ RFC 27) handler for NULL, PLAIN, CURVE and GSSAPI clients.

Its configuration methods may be called from any thread at any time: every change
replaces the whole configuration at once, and each request is judged with the one that
was current when it arrived.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import inspect
import logging
import os
import threading
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Callable, ClassVar

import zmq

from ._address import canonical_ip
from ._certificate_directory import CertificateDirectory
from ._certificates import StrPath
from ._policy import (
    AccessPolicy,
    AnyCurveKey,
    CredentialsCallback,
    CurveKeyCheck,
    Decision,
)
from ._zap import ZAP_ENDPOINT, MalformedZapRequest, ZapRequest, ZapStatus, reply_frames

__all__ = ["CURVE_ALLOW_ANY", "Authenticator"]

#: pass as the ``location`` of :meth:`Authenticator.configure_curve` to accept any CURVE key
CURVE_ALLOW_ANY = "*"


class Authenticator:
    """A ZAP handler: decides which peers may connect to the sockets of a context.

    Once started, it answers the ZAP requests libzmq makes for every handshake of a
    socket of ``context``: NULL sockets that set a ``zap_domain``, PLAIN servers and
    CURVE servers. Addresses are checked first (:meth:`allow`, :meth:`deny`), then
    credentials (:meth:`configure_plain`, :meth:`configure_curve`,
    :meth:`configure_curve_callback`, :meth:`configure_gssapi`). Anything not configured
    is refused.

    This base class only binds the ZAP socket; :class:`zmq.auth.thread.ThreadAuthenticator`
    and :class:`zmq.auth.asyncio.AsyncioAuthenticator` also serve it.

    Parameters
    ----------
    context : zmq.Context, optional
        The context whose sockets are guarded; ``zmq.Context.instance()`` by default.
    encoding : str
        The encoding of domains, addresses, user names and passwords.
    log : logging.Logger, optional
        Where decisions are logged; the ``zmq.auth`` logger by default.
    """

    #: the socket class of ``zap_socket``
    _zap_socket_class: ClassVar[Callable[..., zmq.Socket[Any]]] = zmq.Socket

    context: zmq.Context[Any]
    encoding: str
    log: logging.Logger
    zap_socket: zmq.Socket[Any] | None

    def __init__(
        self,
        context: zmq.Context[Any] | None = None,
        encoding: str = "utf-8",
        log: logging.Logger | None = None,
    ) -> None:
        if context is not None and not isinstance(context, zmq.Context):
            raise TypeError(f"context must be a zmq.Context, not {type(context).__name__}")
        if not isinstance(encoding, str):
            raise TypeError(f"encoding must be a str, not {type(encoding).__name__}")
        codecs.lookup(encoding)  # an unknown encoding fails here, not at the first request
        self.context = context if context is not None else zmq.Context.instance()
        self.encoding = encoding
        self.log = log if log is not None else logging.getLogger("zmq.auth")
        self.zap_socket = None
        self._policy = AccessPolicy()
        self._policy_lock = threading.Lock()

    # starting and stopping

    def start(self) -> None:
        """Bind the ZAP socket, ``inproc://zeromq.zap.01`` of the context.

        Raises
        ------
        RuntimeError
            If this authenticator is already started.
        zmq.ZMQError
            ``EADDRINUSE`` if another ZAP handler serves the context already.
        """
        if self.zap_socket is not None:
            raise RuntimeError(f"{type(self).__name__} is already started")
        socket = self._zap_socket_class(self.context, zmq.REP)
        socket.linger = 0
        try:
            socket.bind(ZAP_ENDPOINT)
        except zmq.ZMQError as error:
            socket.close()
            if error.errno == zmq.EADDRINUSE:
                raise zmq.ZMQError(
                    zmq.EADDRINUSE,
                    f"another ZAP handler already serves this context ({ZAP_ENDPOINT} is "
                    "bound): stop it first, or configure that one",
                ) from None
            raise
        self.zap_socket = socket
        self.log.debug("started: serving %s", ZAP_ENDPOINT)

    def stop(self) -> None:
        """Close the ZAP socket.

        Without a ZAP handler, libzmq refuses PLAIN clients but accepts every CURVE
        client: stop the authenticator only when its sockets are closed. Stopping a
        stopped authenticator does nothing.
        """
        if self.zap_socket is not None:
            if not self.zap_socket.closed:
                # libzmq releases the endpoint of a closed socket later, in its own thread;
                # unbinding releases it now, so the context can start a handler again (it
                # fails only while the context terminates, which releases it anyway)
                with contextlib.suppress(zmq.ZMQError):
                    self.zap_socket.unbind(ZAP_ENDPOINT)
                self.zap_socket.close()
            self.zap_socket = None
            self.log.debug("stopped")

    # configuration

    def allow(self, *addresses: str) -> None:
        """Allow IP addresses, and refuse every address not allowed.

        NULL clients from an allowed address are accepted; PLAIN, CURVE and GSSAPI
        clients still have their credentials checked. Can be called several times.

        Parameters
        ----------
        *addresses : str
            IPv4 or IPv6 addresses.

        Raises
        ------
        TypeError
            If an address is not a str.
        ValueError
            If an address is not an IP address, or :meth:`deny` was used: the two
            lists cannot be combined.
        """
        self._add_addresses("allowed", "allow", addresses)

    def deny(self, *addresses: str) -> None:
        """Refuse IP addresses, whatever their credentials.

        Can be called several times.

        Parameters
        ----------
        *addresses : str
            IPv4 or IPv6 addresses.

        Raises
        ------
        TypeError
            If an address is not a str.
        ValueError
            If an address is not an IP address, or :meth:`allow` was used: the two
            lists cannot be combined.
        """
        self._add_addresses("denied", "deny", addresses)

    def _add_addresses(self, field: str, method: str, addresses: tuple[str, ...]) -> None:
        """Add to the allowed or the denied list (they exclude each other)."""
        canonical = _canonical_ips(addresses, method)
        other = "denied" if field == "allowed" else "allowed"
        with self._policy_lock:
            if canonical and getattr(self._policy, other):
                used = "deny" if other == "denied" else "allow"
                raise ValueError(f"use either allow() or deny(), not both: {used}() was used")
            self._replace_policy(**{field: getattr(self._policy, field) | canonical})
        self.log.debug(
            "%s %s", "allowing" if field == "allowed" else "denying", ", ".join(sorted(canonical))
        )

    def configure_plain(
        self, domain: str = "*", passwords: Mapping[str, str] | None = None
    ) -> None:
        """Set the PLAIN users of a domain, replacing its previous table.

        The table is copied: change it by calling this method again.

        Parameters
        ----------
        domain : str
            The ZAP domain (the server socket's ``zap_domain``); ``'*'`` covers every
            domain that has no table of its own.
        passwords : dict of str to str, optional
            ``{username: password}``; none refuses every PLAIN client of the domain.

        Raises
        ------
        TypeError
            If ``domain``, a user name or a password is not a str.
        ValueError
            If a password cannot be encoded with the authenticator's encoding.
        """
        _check_domain(domain)
        if passwords is None:
            passwords = {}
        if not isinstance(passwords, Mapping):
            raise TypeError(
                f"passwords must be a dict of username to password, not {type(passwords).__name__}"
            )
        table = {}
        for username, password in passwords.items():
            if not isinstance(username, str) or not isinstance(password, str):
                raise TypeError(
                    "PLAIN user names and passwords must be str, not "
                    f"{type(username).__name__} and {type(password).__name__} (user {username!r})"
                )
            try:
                table[username] = password.encode(self.encoding)
            except UnicodeEncodeError:
                raise ValueError(
                    f"the password of {username!r} cannot be encoded with {self.encoding}"
                ) from None
        self._set_domain_entry("passwords", domain, MappingProxyType(table))
        self.log.debug("PLAIN for domain %r: %d user(s)", domain, len(table))

    def configure_curve(self, domain: str = "*", location: StrPath = ".") -> None:
        """Accept the CURVE clients whose public certificate is in a directory.

        The directory is watched: a certificate added to it is accepted and one removed
        from it is refused from the next handshake on. It may be created later; until
        then, no key is accepted.

        Parameters
        ----------
        domain : str
            The ZAP domain; ``'*'`` covers every domain without a CURVE configuration
            of its own.
        location : str or os.PathLike
            A directory of public certificates (``*.key``, see
            :func:`zmq.auth.create_certificates`), or :data:`CURVE_ALLOW_ANY` to accept
            any key (the connection is encrypted, but clients are not identified).

        Raises
        ------
        TypeError
            If ``domain`` is not a str, or ``location`` is not a path.
        """
        _check_domain(domain)
        if not isinstance(location, (str, os.PathLike)):
            raise TypeError(
                f"location must be a directory path or CURVE_ALLOW_ANY, "
                f"not {type(location).__name__}"
            )
        check: CurveKeyCheck
        if location == CURVE_ALLOW_ANY:
            check = AnyCurveKey()
        else:
            directory = CertificateDirectory(location, self.log)
            if not os.path.isdir(directory.location):
                self.log.warning(
                    "CURVE for domain %r: %r is not a directory (yet); no key is accepted "
                    "until it is",
                    domain,
                    directory.location,
                )
            directory.keys()  # read now: a broken certificate is reported at once
            check = directory
        self._set_domain_entry("curve", domain, check)
        self.log.debug("CURVE for domain %r: %r", domain, check)

    def configure_curve_callback(
        self, domain: str = "*", credentials_provider: Any = None
    ) -> None:
        """Let an application object decide which CURVE clients are accepted.

        Parameters
        ----------
        domain : str
            The ZAP domain; ``'*'`` covers every domain without a CURVE configuration
            of its own.
        credentials_provider : object
            Has a method ``callback(domain, key)`` returning true to accept the client
            with the Z85 public key ``key`` (bytes), for ``domain`` (``'*'`` for the
            empty domain). With :class:`~zmq.auth.asyncio.AsyncioAuthenticator` it may
            be a coroutine function. If it raises, the client is refused (status 500).

        Raises
        ------
        TypeError
            If ``domain`` is not a str, or the provider has no ``callback`` method.
        """
        _check_domain(domain)
        if not callable(getattr(credentials_provider, "callback", None)):
            raise TypeError(
                "credentials_provider must have a callback(domain, key) method, "
                f"{credentials_provider!r} has none"
            )
        self._set_domain_entry("curve", domain, CredentialsCallback(credentials_provider))
        self.log.debug("CURVE for domain %r: callback of %r", domain, credentials_provider)

    def configure_gssapi(self, domain: str = "*", location: str | None = None) -> None:
        """Accept the GSSAPI clients of a domain; their principal is their user id.

        libzmq has already authenticated the principal through Kerberos when it asks;
        GSSAPI clients of a domain not configured here are refused.

        Parameters
        ----------
        domain : str
            The ZAP domain; ``'*'`` covers every domain.
        location : str, optional
            Unused: kept for the signature PyZMQ has.

        Raises
        ------
        TypeError
            If ``domain`` is not a str.
        """
        _check_domain(domain)
        if not zmq.has("gssapi"):
            self.log.warning(
                "this libzmq has no GSSAPI: configure_gssapi(%r) has no effect, and GSSAPI "
                "clients are refused",
                domain,
            )
            return
        with self._policy_lock:
            self._replace_policy(gssapi_domains=self._policy.gssapi_domains | {domain})
        self.log.debug("GSSAPI for domain %r", domain)

    def curve_user_id(self, client_public_key: bytes) -> str:
        """The user id of an accepted CURVE client, which sockets see as ``User-Id``.

        Override it to name clients; by default it is the Z85 public key.

        Parameters
        ----------
        client_public_key : bytes
            The client's public key, Z85 encoded.

        Returns
        -------
        str
        """
        return client_public_key.decode("ascii")

    def _replace_policy(self, **changes: Any) -> None:
        """Install a new configuration; call with ``_policy_lock`` held."""
        self._policy = dataclasses.replace(self._policy, **changes)

    def _set_domain_entry(self, table: str, domain: str, entry: Any) -> None:
        with self._policy_lock:
            entries = dict(getattr(self._policy, table))
            entries[domain] = entry
            self._replace_policy(**{table: MappingProxyType(entries)})

    # answering

    async def handle_zap_message(self, msg: list[bytes]) -> None:
        """Answer one ZAP request received on :attr:`zap_socket`.

        Every request gets a reply, so the socket keeps serving: a malformed one gets
        status 400, one whose check fails unexpectedly gets 500.

        Parameters
        ----------
        msg : list of bytes
            The frames of the request.

        Raises
        ------
        RuntimeError
            If the authenticator is not started.
        """
        if self.zap_socket is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        reply = await self._answer(msg)
        sent = self.zap_socket.send_multipart(reply)
        if inspect.isawaitable(sent):  # the sockets of zmq.asyncio return a future
            await sent

    async def _answer(self, msg: list[bytes]) -> list[bytes]:
        request_id = msg[1] if len(msg) > 1 else b""
        policy = self._policy
        try:
            request = ZapRequest.parse(msg, self.encoding)
            decision = await policy.decide(request, self.encoding, self.curve_user_id)
            user_id = decision.user_id.encode(self.encoding) if decision.allowed else b""
        except MalformedZapRequest as error:
            self.log.warning("refused a malformed ZAP request: %s", error)
            malformed = Decision(ZapStatus.FAILURE, f"Malformed request: {error}")
            return _reply(request_id, malformed, b"")
        except Exception:
            # credentials (a password) stay out of the log: only the first six frames
            self.log.exception("could not judge the ZAP request %r", msg[:6])
            return _reply(request_id, Decision(ZapStatus.INTERNAL_ERROR, "Internal error"), b"")
        self._log_decision(request, decision)
        return _reply(request_id, decision, user_id)

    def _log_decision(self, request: ZapRequest, decision: Decision) -> None:
        if decision.allowed:
            self.log.debug(
                "allowed %s client %s, domain %r, as %r",
                request.mechanism,
                request.address,
                request.domain,
                decision.user_id,
            )
        else:
            self.log.info(
                "refused %s client %s, domain %r: %s",
                request.mechanism,
                request.address,
                request.domain,
                decision.reason,
            )


def _reply(request_id: bytes, decision: Decision, user_id: bytes) -> list[bytes]:
    return reply_frames(
        request_id,
        str(int(decision.status)).encode("ascii"),
        decision.reason.encode("utf-8", "replace"),
        user_id,
    )


def _check_domain(domain: object) -> None:
    if not isinstance(domain, str):
        raise TypeError(
            f"domain must be a str (the zap_domain of the server socket, or '*'), "
            f"not {type(domain).__name__}"
        )


def _canonical_ips(addresses: Iterable[object], method: str) -> frozenset[str]:
    canonical = set()
    for address in addresses:
        if not isinstance(address, str):
            raise TypeError(
                f"{method}() takes IP addresses as str, not {type(address).__name__}: {address!r}"
            )
        try:
            canonical.add(canonical_ip(address))
        except ValueError:
            raise ValueError(
                f"{method}() takes IP addresses (ZAP sees the peer's IP, not its name), "
                f"not {address!r}"
            ) from None
    return frozenset(canonical)
