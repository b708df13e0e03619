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
import warnings
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import zmq
from zmq.utils import z85

from ._certificate_directory import CertificateDirectory
from ._certificates import StrPath
from ._policy import (
    AccessPolicy,
    CredentialsCallback,
    Decision,
    canonical_ip,
)
from ._zap import (
    ZAP_ENDPOINT,
    ZAP_VERSION,
    MalformedZapRequest,
    ZapRequest,
    ZapStatus,
    reply_frames,
)

__all__ = ["CURVE_ALLOW_ANY", "AddressWarning", "Authenticator"]

#: pass as the ``location`` of :meth:`Authenticator.configure_curve` to accept any CURVE key
CURVE_ALLOW_ANY = "*"

#: the version of ZAP this authenticator speaks (the first frame of requests and replies)
VERSION = ZAP_VERSION


class AddressWarning(UserWarning):
    """An address given to :meth:`Authenticator.allow` or :meth:`~Authenticator.deny`
    is not an IP address: ZAP requests carry the peer's IP, so it never matches."""


class Authenticator:
    """A ZAP handler: decides which peers may connect to the sockets of a context.

    Once started, it answers the ZAP requests libzmq makes for every handshake of a
    socket of ``context``: NULL sockets that set a ``zap_domain``, PLAIN servers and
    CURVE servers. Addresses are checked first (:meth:`allow`, :meth:`deny`), then
    credentials (:meth:`configure_plain`, :meth:`configure_curve`,
    :meth:`configure_curve_callback`, :meth:`configure_gssapi`). Anything not configured
    is refused. A domain's configuration is named by the server socket's
    ``zap_domain``; ``'*'`` names the empty domain, as in PyZMQ.

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

    Warns
    -----
    DeprecationWarning
        If ``context`` is not a Context (:meth:`start` then fails) or ``encoding``
        is not a known encoding (requests are then refused with status 500): PyZMQ
        takes them, and fails later.
    """

    #: the socket class of ``zap_socket``
    _zap_socket_class: ClassVar[type[zmq.Socket[Any]]] = zmq.Socket

    #: Opt-in to PyZMQ 27's policy where it is unsafe: ``CURVE_ALLOW_ANY`` then
    #: admits any key in every domain, even one configured with certificates or a
    #: callback, and :meth:`deny` takes names that are not IP addresses (they never
    #: match, so nobody is denied). Set it on an authenticator, or on a subclass.
    unsafe_pyzmq_policy: bool = False

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
        # what PyZMQ takes and then fails on warns here, where the mistake is
        # the caller's frame: above this __init__, and the subclass's that called it
        stacklevel = 2 if type(self).__init__ is Authenticator.__init__ else 3
        if context and not isinstance(context, zmq.Context):
            _warn_unusable(
                f"context should be a zmq.Context, not {type(context).__name__}", stacklevel
            )
        if not _is_encoding(encoding):
            _warn_unusable(f"encoding {encoding!r} is not a known text encoding", stacklevel)
        # as PyZMQ: any false context means the shared instance
        self.context = context or zmq.Context.instance()
        self.encoding = encoding
        self.log = log if log is not None else logging.getLogger("zmq.auth")
        self.zap_socket = None
        self._policy_lock = threading.Lock()
        self._policy = AccessPolicy()

    # starting and stopping

    def start(self) -> None:
        """Bind the ZAP socket, ``inproc://zeromq.zap.01`` of the context.

        Raises
        ------
        zmq.ZMQError
            ``EADDRINUSE`` if this or another ZAP handler serves the context already
            (as in PyZMQ, starting twice binds twice).
        """
        if self.zap_socket is not None:
            raise zmq.ZMQError(
                zmq.EADDRINUSE, f"{type(self).__name__} is already started: stop it first"
            )
        socket = self.context.socket(zmq.REP, socket_class=self._zap_socket_class)
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
        Addresses are compared in canonical form (``::ffff:10.0.0.1`` is ``10.0.0.1``).

        Parameters
        ----------
        *addresses : str
            IPv4 or IPv6 addresses. Anything else (a host name) never matches, as in
            PyZMQ, and warns (:class:`AddressWarning`).

        Raises
        ------
        TypeError
            If an address is not a str.
        ValueError
            If :meth:`deny` was used: the two lists cannot be combined.
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
            If an address is not an IP address (PyZMQ takes it, and it never
            matches: the host it names is not denied; :attr:`unsafe_pyzmq_policy`
            restores that, with an :class:`AddressWarning`), or :meth:`allow` was
            used: the two lists cannot be combined.
        """
        self._add_addresses("denied", "deny", addresses)

    def _add_addresses(self, field: str, method: str, addresses: tuple[str, ...]) -> None:
        """Add to the allowed or the denied list (they exclude each other)."""
        canonical = _canonical_ips(
            addresses, method, names_allowed=field == "allowed" or self.unsafe_pyzmq_policy
        )
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

        As in PyZMQ, the table is yours: it is read at each handshake, so changing it
        (adding or removing users) takes effect at once.

        Parameters
        ----------
        domain : str
            The ZAP domain (the server socket's ``zap_domain``); ``'*'`` is the
            empty domain.
        passwords : dict of str to str, optional
            ``{username: password}``. None or an empty table changes nothing, as in
            PyZMQ.
        """
        _check_domain(domain, "configure_plain")
        if not passwords:
            return
        if not isinstance(passwords, Mapping):
            warnings.warn(
                f"configure_plain takes a dict of username to password, not "
                f"{type(passwords).__name__}: PLAIN clients of {domain!r} will be refused",
                DeprecationWarning,
                stacklevel=2,
            )
        self._set_domain_entry("passwords", domain, passwords)
        self.log.debug("PLAIN for domain %r", domain)

    def configure_curve(self, domain: str = "*", location: StrPath = ".") -> None:
        """Accept the CURVE clients whose public certificate is in a directory.

        The directory is watched: a certificate added to it is accepted and one removed
        from it is refused from the next handshake on. It may be created later; until
        then, no key is accepted.

        Parameters
        ----------
        domain : str
            The ZAP domain; ``'*'`` is the empty domain.
        location : str or os.PathLike
            A directory of public certificates (``*.key``, see
            :func:`zmq.auth.create_certificates`), or :data:`CURVE_ALLOW_ANY`: as in
            PyZMQ, any key is then accepted (the connection is encrypted, clients are
            not identified), in every domain, until a directory or a callback is
            configured. Unlike PyZMQ, it never overrides the directory or callback of a
            domain configured before (see :attr:`unsafe_pyzmq_policy`).

        A ``location`` that is not a path is logged as an error and configures
        nothing, as in PyZMQ.
        """
        _check_domain(domain, "configure_curve")
        if not isinstance(location, (str, os.PathLike)):
            # PyZMQ logs that it could not read the certificates, and goes on
            self.allow_any = False
            self.log.error(
                "Failed to load CURVE certs from %r: location must be a directory path "
                "or CURVE_ALLOW_ANY, not %s",
                location,
                type(location).__name__,
            )
            return
        if location == CURVE_ALLOW_ANY:
            self.allow_any = True
            self.log.debug("CURVE: any key (configured for domain %r)", domain)
            return
        directory = CertificateDirectory(location, self.log)
        if not os.path.isdir(directory.location):
            self.log.warning(
                "CURVE for domain %r: %r is not a directory (yet); no key is accepted until it is",
                domain,
                directory.location,
            )
        directory.keys()  # read now: a broken certificate is reported at once
        self._set_domain_entry("curve", domain, directory, allow_any=False)
        self.log.debug("CURVE for domain %r: %r", domain, directory)

    def configure_curve_callback(
        self, domain: str = "*", credentials_provider: Any = None
    ) -> None:
        """Let an application object decide which CURVE clients are accepted.

        Parameters
        ----------
        domain : str
            The ZAP domain; ``'*'`` is the empty domain.
        credentials_provider : object
            Has a method ``callback(domain, key)`` returning true to accept the client
            with the Z85 public key ``key`` (bytes), for ``domain`` (``'*'`` for the
            empty domain). With :class:`~zmq.auth.asyncio.AsyncioAuthenticator` it may
            be a coroutine function. If it raises, the client is refused (status 500).
            None is logged as an error and configures nothing, as in PyZMQ.
        """
        _check_domain(domain, "configure_curve_callback")
        if credentials_provider is None:
            self.allow_any = False
            self.log.error("None credentials_provider provided for domain:%s", domain)
            return
        if not callable(getattr(credentials_provider, "callback", None)):
            warnings.warn(
                "credentials_provider must have a callback(domain, key) method, "
                f"{credentials_provider!r} has none: its CURVE clients will be refused",
                DeprecationWarning,
                stacklevel=2,
            )
        self._set_domain_entry(
            "curve", domain, CredentialsCallback(credentials_provider), allow_any=False
        )
        self.log.debug("CURVE for domain %r: callback of %r", domain, credentials_provider)

    def configure_gssapi(self, domain: str = "*", location: str | None = None) -> None:
        """Nothing to configure, as in PyZMQ: GSSAPI clients are accepted (subject to
        :meth:`allow` and :meth:`deny`), with their principal as user id.

        libzmq has authenticated the principal through Kerberos before it asks.
        """
        _check_domain(domain, "configure_gssapi")

    @property
    def allow_any(self) -> bool:
        """PyZMQ's CURVE_ALLOW_ANY switch (see :meth:`configure_curve`)."""
        return self._policy.allow_any

    @allow_any.setter
    def allow_any(self, value: bool) -> None:
        with self._policy_lock:
            self._replace_policy(allow_any=bool(value))

    def curve_user_id(self, client_public_key: bytes) -> str:
        """The user id of an accepted CURVE client, which sockets see as ``User-Id``.

        Override it to name clients; by default it is the Z85 form of the key.

        Parameters
        ----------
        client_public_key : bytes
            The client's public key as the ZAP request carries it: 32 raw bytes,
            as in PyZMQ. Whatever it is given, it Z85-encodes, as PyZMQ's does.

        Returns
        -------
        str

        Raises
        ------
        ValueError
            If the length of ``client_public_key`` is not a multiple of 4.
        """
        return z85.encode(client_public_key).decode("ascii")

    def _replace_policy(self, **changes: Any) -> None:
        """Install a new configuration; call with ``_policy_lock`` held."""
        self._policy = dataclasses.replace(self._policy, **changes)

    def _set_domain_entry(self, table: str, domain: str, entry: Any, **changes: Any) -> None:
        with self._policy_lock:
            entries = dict(getattr(self._policy, table))
            entries[domain] = entry
            self._replace_policy(**{table: MappingProxyType(entries)}, **changes)

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
            decision = await policy.decide(
                request, self.encoding, self.curve_user_id, bool(self.unsafe_pyzmq_policy)
            )
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


def _is_encoding(encoding: object) -> bool:
    if not isinstance(encoding, str):
        return False
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _warn_unusable(problem: str, stacklevel: int) -> None:
    warnings.warn(
        f"Authenticator: {problem}; it fails when it is used (PyZMQ takes it all the same)",
        DeprecationWarning,
        stacklevel=stacklevel + 1,
    )


def _check_domain(domain: object, method: str) -> None:
    if not isinstance(domain, str):
        # PyZMQ takes it; a request's domain is text, so it never matches
        warnings.warn(
            f"{method}: domain must be a str (the zap_domain of the server socket, or "
            f"'*'), not {type(domain).__name__}: it configures no domain",
            DeprecationWarning,
            stacklevel=3,
        )


def _canonical_ips(
    addresses: Iterable[object], method: str, names_allowed: bool
) -> frozenset[str]:
    canonical = set()
    for address in addresses:
        if not isinstance(address, str):
            raise TypeError(
                f"{method}() takes IP addresses as str, not {type(address).__name__}: {address!r}"
            )
        try:
            canonical.add(canonical_ip(address))
        except ValueError:
            message = (
                f"{method}() takes IP addresses (ZAP sees the peer's IP, not its name), "
                f"not {address!r}"
            )
            if not names_allowed:
                raise ValueError(
                    f"{message}: it would deny nobody (set unsafe_pyzmq_policy to allow it)"
                ) from None
            warnings.warn(f"{message}: it never matches", AddressWarning, stacklevel=4)
            canonical.add(address)
    return frozenset(canonical)
