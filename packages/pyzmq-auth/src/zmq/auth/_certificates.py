"""CURVE certificate files in czmq's layout: a public ``NAME.key`` to hand out, and a
secret ``NAME.key_secret`` only its owner may read."""

from __future__ import annotations

import contextlib
import datetime
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Union

import zmq

from . import _zpl
from ._curve_keys import is_curve_key

StrPath = Union[str, os.PathLike[str]]

PUBLIC_SUFFIX = ".key"
SECRET_SUFFIX = ".key_secret"

_PUBLIC_MODE = 0o644
_SECRET_MODE = 0o600

_PUBLIC_NOTE = """\
#   Share this file with the peers that must recognise this key, and make sure
#   that it reaches them unchanged: it lets them accept its owner."""
_SECRET_NOTE = """\
#   Keep this file private: whoever can read it can act as its owner."""


def create_certificates(
    key_dir: StrPath, name: str, metadata: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """Create a new CURVE key pair and write it as two certificate files.

    ``NAME.key`` holds the public key; ``NAME.key_secret`` holds both keys and is readable
    by its owner only. Existing files of that name are replaced; each file is written to a
    temporary file first, so that a reader never sees half a certificate.

    Parameters
    ----------
    key_dir : str or os.PathLike
        The directory of the files, created if missing.
    name : str
        The base name of the files.
    metadata : dict of str to str, optional
        Properties stored in the ``metadata`` section of both files.

    Returns
    -------
    (public_file, secret_file) : tuple of str
        The paths of the two files.

    Raises
    ------
    TypeError
        If ``name`` or a metadata name or value is not a str.
    ValueError
        If ``name`` is not a plain file name, or metadata cannot be written as ZPL.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    if not name or name in (".", "..") or os.sep in name or (os.altsep and os.altsep in name):
        raise ValueError(f"name must be a file name without directories, not {name!r}")
    metadata_lines = _metadata_lines(metadata or {})
    public_key, secret_key = zmq.curve_keypair()
    created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")

    os.makedirs(key_dir, exist_ok=True)
    public_file = os.path.join(key_dir, name + PUBLIC_SUFFIX)
    secret_file = os.path.join(key_dir, name + SECRET_SUFFIX)
    public_line = f"    public-key = {_zpl.quote(public_key.decode('ascii'))}"
    secret_line = f"    secret-key = {_zpl.quote(secret_key.decode('ascii'))}"
    # the secret file first: a watched directory then never has a public half alone
    secret_text = _certificate_text(
        "secret", created, _SECRET_NOTE, metadata_lines, [public_line, secret_line]
    )
    _replace_file(secret_file, secret_text, _SECRET_MODE)
    public_text = _certificate_text("public", created, _PUBLIC_NOTE, metadata_lines, [public_line])
    _replace_file(public_file, public_text, _PUBLIC_MODE)
    return public_file, secret_file


def _metadata_lines(metadata: Mapping[str, str]) -> list[str]:
    if not isinstance(metadata, Mapping):
        raise TypeError(f"metadata must be a dict of str to str, not {type(metadata).__name__}")
    lines = []
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"metadata names and values must be str, not {key!r}: {value!r}")
        if not _zpl.is_name(key):
            raise ValueError(
                f"metadata name {key!r} is not a ZPL name (letters, digits and $-_@.&+/)"
            )
        lines.append(f"    {key} = {_zpl.quote(value)}")
    return lines


def _certificate_text(
    kind: str, created: str, note: str, metadata_lines: list[str], curve_lines: list[str]
) -> str:
    header = f"#   ZeroMQ CURVE {kind} certificate, created {created} by pyzmq-auth\n{note}"
    return "\n".join([header, "", "metadata", *metadata_lines, "curve", *curve_lines, ""])


def _replace_file(path: str, text: str, mode: int) -> None:
    """Write ``text`` to a new file with ``mode``, then move it over ``path`` at once."""
    # mkstemp creates the file readable by its owner only, so a secret never leaks early
    descriptor, temporary = tempfile.mkstemp(
        dir=os.path.dirname(path) or ".", prefix=f".{os.path.basename(path)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def load_certificate(filename: StrPath) -> tuple[bytes, bytes | None]:
    """Read the keys of a certificate file.

    Parameters
    ----------
    filename : str or os.PathLike
        A public (``.key``) or secret (``.key_secret``) certificate file.

    Returns
    -------
    (public_key, secret_key) : tuple
        The Z85 keys as bytes; ``secret_key`` is None for a public certificate.

    Raises
    ------
    OSError
        If the file cannot be read.
    ValueError
        If the file is not a certificate: no public key, a key that is not 40 Z85
        characters, or a secret key that does not belong to the public key.
    """
    try:
        text = Path(filename).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{os.fspath(filename)} is not a text certificate file") from None
    properties = _zpl.parse(text, os.fspath(filename))
    public_key = properties.get("curve/public-key")
    if public_key is None:
        raise ValueError(f"No public key found in {os.fspath(filename)}")
    public = _curve_key(public_key, "public", filename)
    secret_key = properties.get("curve/secret-key")
    if secret_key is None:
        return public, None
    secret = _curve_key(secret_key, "secret", filename)
    if zmq.has("curve") and zmq.curve_public(secret) != public:
        raise ValueError(
            f"the secret key in {os.fspath(filename)} does not belong to its public key"
        )
    return public, secret


def _curve_key(value: str, kind: str, filename: StrPath) -> bytes:
    key = value.encode("ascii", "replace")
    if not value.isascii() or not is_curve_key(key):
        raise ValueError(
            f"the {kind} key in {os.fspath(filename)} is not a CURVE key (40 Z85 characters)"
        )
    return key


def certificate_files(directory: StrPath) -> list[Path]:
    """The public certificate files of a directory: ``*.key``, hidden files excluded.

    Raises
    ------
    OSError
        If ``directory`` cannot be listed.
    """
    with os.scandir(directory) as entries:
        return sorted(
            Path(entry.path)
            for entry in entries
            if entry.name.endswith(PUBLIC_SUFFIX)
            and not entry.name.startswith(".")
            and entry.is_file()
        )


def load_certificates(directory: StrPath = ".") -> dict[bytes, bool]:
    """Read the public keys of every public certificate (``*.key``) in a directory.

    Parameters
    ----------
    directory : str or os.PathLike
        The directory to read.

    Returns
    -------
    dict
        ``{public_key: True}`` for each certificate, the shape
        :meth:`Authenticator.configure_curve` works with.

    Raises
    ------
    OSError
        If ``directory`` is not a readable directory.
    ValueError
        If one of the files is not a valid certificate.
    """
    if not os.path.isdir(directory):
        raise OSError(f"Invalid certificate directory: {os.fspath(directory)}")
    return {load_certificate(path)[0]: True for path in certificate_files(directory)}
