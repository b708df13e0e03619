"""The ZAP 1.0 wire format (ZeroMQ RFC 27): parsing requests, building replies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

#: where libzmq sends the ZAP requests of every socket of a context
ZAP_ENDPOINT = "inproc://zeromq.zap.01"
ZAP_VERSION = b"1.0"
#: the length of a CURVE public key, the credential of a CURVE request
CURVE_KEY_BYTES = 32

# how many credential frames follow the mechanism name, by mechanism
_CREDENTIAL_FRAMES = {"NULL": 0, "PLAIN": 2, "CURVE": 1, "GSSAPI": 1}


class ZapStatus(IntEnum):
    """The status codes of a ZAP reply."""

    SUCCESS = 200
    TEMPORARY_FAILURE = 300
    FAILURE = 400
    INTERNAL_ERROR = 500


class MalformedZapRequest(ValueError):
    """A ZAP request that does not follow ZAP 1.0; it is refused without a policy check."""


@dataclass(frozen=True)
class ZapRequest:
    """One authentication request, as libzmq sends it for a connecting peer.

    ``address`` is the peer's IP address, ``mechanism`` one of NULL, PLAIN, CURVE or
    GSSAPI (anything else is refused later as unsupported), and ``credentials`` the frames
    that follow it, checked in number (and, for CURVE, in size) for the known mechanisms.
    """

    request_id: bytes
    domain: str
    address: str
    identity: bytes
    mechanism: str
    credentials: tuple[bytes, ...]

    @classmethod
    def parse(cls, frames: Sequence[bytes], encoding: str) -> ZapRequest:
        """Parse the frames of a ZAP request.

        Raises
        ------
        MalformedZapRequest
            If the frames are too few, the version is not 1.0, a text frame cannot be
            decoded, or the credentials do not fit the mechanism.
        """
        if len(frames) < 6:
            raise MalformedZapRequest(
                f"a ZAP request has at least 6 frames, this one has {len(frames)}"
            )
        version, request_id, domain, address, identity, mechanism, *credentials = frames
        if version != ZAP_VERSION:
            raise MalformedZapRequest(f"unsupported ZAP version {version!r}, expected b'1.0'")
        request = cls(
            request_id=request_id,
            domain=decode_text(domain, "domain", encoding),
            address=decode_text(address, "address", encoding),
            identity=identity,
            mechanism=decode_text(mechanism, "mechanism", "ascii"),
            credentials=tuple(credentials),
        )
        request._check_credentials()
        return request

    def _check_credentials(self) -> None:
        expected = _CREDENTIAL_FRAMES.get(self.mechanism)
        if expected is not None and len(self.credentials) != expected:
            raise MalformedZapRequest(
                f"{self.mechanism} carries {expected} credential frame(s), "
                f"this request has {len(self.credentials)}"
            )
        if self.mechanism == "CURVE" and len(self.credentials[0]) != CURVE_KEY_BYTES:
            raise MalformedZapRequest(
                f"a CURVE public key is {CURVE_KEY_BYTES} bytes, "
                f"this one is {len(self.credentials[0])}"
            )


def decode_text(frame: bytes, name: str, encoding: str) -> str:
    """Decode a text frame of a ZAP request.

    Raises
    ------
    MalformedZapRequest
        If ``frame`` is not valid in ``encoding``.
    """
    try:
        return frame.decode(encoding)
    except UnicodeDecodeError:
        raise MalformedZapRequest(f"the {name} is not valid {encoding}: {frame!r}") from None


def reply_frames(
    request_id: bytes, status_code: bytes, status_text: bytes, user_id: bytes
) -> list[bytes]:
    """The frames of a ZAP reply (without metadata)."""
    return [ZAP_VERSION, request_id, status_code, status_text, user_id, b""]
