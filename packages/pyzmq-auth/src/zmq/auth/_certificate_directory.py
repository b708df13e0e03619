"""A directory of public certificates that an authenticator trusts, re-read on change."""

from __future__ import annotations

import logging
import os
import threading
from typing import Optional

from ._certificates import StrPath, certificate_files, read_certificate

# what identifies the state of the directory: each certificate file's name, inode,
# size and modification time; None while the directory cannot be listed
_Fingerprint = Optional[tuple[tuple[str, int, int, int], ...]]


class CertificateDirectory:
    """The public keys of the certificates (``*.key``) in a directory.

    The directory is listed at every check, and its certificates are read again as soon
    as a file appears, disappears or changes, so that a key removed from it is refused
    from the next handshake on. A file without a public key is skipped, and one that is
    not a valid certificate is read as PyZMQ reads it, each with a logged warning; a
    directory that cannot be read trusts no key.
    """

    def __init__(self, location: StrPath, log: logging.Logger) -> None:
        self.location = os.fspath(location)
        self._log = log
        self._lock = threading.Lock()
        self._fingerprint: _Fingerprint | object = object()  # matches no real state
        self._keys: frozenset[bytes] = frozenset()

    def __repr__(self) -> str:
        return f"<certificates in {self.location!r}>"

    def accepts(self, domain: str, public_key: bytes) -> bool:
        """Whether ``public_key`` (Z85) has a certificate in the directory."""
        return public_key in self.keys()

    def keys(self) -> frozenset[bytes]:
        """The Z85 public keys of the directory's certificates, as they are now."""
        fingerprint = self._scan()
        with self._lock:
            if fingerprint != self._fingerprint:
                self._keys = self._load(fingerprint)
                self._fingerprint = fingerprint
            return self._keys

    def _scan(self) -> _Fingerprint:
        try:
            files = certificate_files(self.location)
        except OSError:
            return None
        state = []
        for path in files:
            try:
                stat = path.stat()
            except FileNotFoundError:  # removed since the listing
                continue
            state.append((path.name, stat.st_ino, stat.st_size, stat.st_mtime_ns))
        return tuple(state)

    def _load(self, fingerprint: _Fingerprint) -> frozenset[bytes]:
        if fingerprint is None:
            self._log.warning(
                "cannot read the certificate directory %r: no CURVE key is trusted from it",
                self.location,
            )
            return frozenset()
        keys = set()
        for name, *_ in fingerprint:
            path = os.path.join(self.location, name)
            try:
                certificate = read_certificate(path)
            except (OSError, ValueError) as error:
                self._log.warning("skipping certificate %r: %s", path, error)
                continue
            for problem in certificate.problems:
                # its key is trusted all the same, as PyZMQ does: it matches no client
                self._log.warning("certificate %r: %s", path, problem)
            keys.add(certificate.public_key)
        self._log.debug("loaded %d certificate(s) from %r", len(keys), self.location)
        return frozenset(keys)
