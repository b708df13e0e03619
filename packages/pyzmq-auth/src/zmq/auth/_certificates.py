"""CURVE certificate files in czmq's layout: a public ``NAME.key`` to hand out, and a
secret ``NAME.key_secret`` only its owner may read."""

from __future__ import annotations

import contextlib
import datetime
import os
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple, Union

import zmq
from zmq.utils import z85

from . import _zpl

StrPath = Union[str, os.PathLike[str]]

#: the length of a CURVE key in Z85, as certificates hold it
CURVE_KEY_Z85_CHARS = 40
PUBLIC_SUFFIX = ".key"
SECRET_SUFFIX = ".key_secret"

_PUBLIC_MODE = 0o644
_SECRET_MODE = 0o600

_PUBLIC_NOTE = """\
#   Share this file with the peers that must recognise this key, and make sure
#   that it reaches them unchanged: it lets them accept its owner."""
_SECRET_NOTE = """\
#   Keep this file private: whoever can read it can act as its owner."""


class CertificateWarning(UserWarning):
    """A certificate file, or what was given to write one, is not a valid certificate.

    PyZMQ reads and writes such files without a word; this project does the same, and
    warns, since a key read from them matches no peer."""


class _NotAMappingError(TypeError, AttributeError):
    """Metadata that is not a mapping: PyZMQ fails on its missing ``items()``."""


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
        The directory of the files, which must exist, as in PyZMQ.
    name : str
        The base name of the files. One that is not a plain file name (empty, or
        with a directory) warns with a :class:`DeprecationWarning`, and is joined to
        ``key_dir`` all the same, as PyZMQ does.
    metadata : dict of str to str, optional
        Properties stored in the ``metadata`` section of both files. Bytes are
        decoded from UTF-8 and other values written as their ``str()``, as in PyZMQ.
        A property ZPL cannot hold (a name that is not a ZPL name, a value on several
        lines or with both kinds of quote) would break the file: it is left out, with
        a :class:`CertificateWarning`.

    Returns
    -------
    (public_file, secret_file) : tuple of str
        The paths of the two files.

    Raises
    ------
    TypeError
        If ``name`` is not a str, or ``metadata`` is not a mapping (the error is
        also PyZMQ's :class:`AttributeError`).
    OSError
        If the files cannot be written: ``FileNotFoundError`` when ``key_dir`` does
        not exist.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    if not is_file_name(name):
        warnings.warn(
            f"certificate name {name!r} is not a file name without directories: the files "
            f"are {os.path.join(key_dir, name)!r} + {PUBLIC_SUFFIX!r} and {SECRET_SUFFIX!r}",
            DeprecationWarning,
            stacklevel=2,
        )
    metadata_lines = _metadata_lines(metadata or {})
    public_key, secret_key = zmq.curve_keypair()
    created = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")

    base = os.path.join(key_dir, name)
    public_file = base + PUBLIC_SUFFIX
    secret_file = base + SECRET_SUFFIX
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


def is_file_name(name: str) -> bool:
    """Whether ``name`` names a file of the directory it is joined to, not another one."""
    separators = [os.sep, os.altsep] if os.altsep else [os.sep]
    return name not in ("", ".", "..") and not any(sep in name for sep in separators)


def metadata_problem(name: str, value: str) -> str | None:
    """Why a metadata property cannot be written as ZPL, or None if it can."""
    if not _zpl.is_name(name):
        return f"{name!r} is not a ZPL name (letters, digits and $-_@.&+/)"
    try:
        _zpl.quote(value)
    except ValueError as error:
        return str(error)
    return None


def _metadata_lines(metadata: Mapping[Any, Any]) -> list[str]:
    items = getattr(metadata, "items", None)
    if not callable(items):
        raise _NotAMappingError(
            f"metadata must be a dict of str to str, not {type(metadata).__name__}"
        )
    lines = []
    for raw_name, raw_value in items():
        name, value = _text(raw_name), _text(raw_value)
        problem = metadata_problem(name, value)
        if problem is not None:
            warnings.warn(
                f"metadata {name!r} left out of the certificate: {problem}",
                CertificateWarning,
                stacklevel=3,
            )
            continue
        lines.append(f"    {name} = {_zpl.quote(value)}")
    return lines


def _text(value: object) -> str:
    # as PyZMQ writes them: bytes decoded, anything else formatted
    return value.decode("utf-8") if isinstance(value, bytes) else f"{value}"


def _certificate_text(
    kind: str, created: str, note: str, metadata_lines: list[str], curve_lines: list[str]
) -> str:
    header = f"#   ZeroMQ CURVE {kind} certificate, created {created} by pyzmq-auth\n{note}"
    return "\n".join([header, "", "metadata", *metadata_lines, "curve", *curve_lines, ""])


def _replace_file(path: str, text: str, mode: int) -> None:
    """Write ``text`` to a new file with ``mode``, then move it over ``path`` at once."""
    # mkstemp creates the file readable by its owner only, so a secret never leaks early
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=os.path.dirname(path) or ".", prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
    except OSError as error:
        # named after the file it was to be, not the temporary file
        raise type(error)(error.errno, error.strerror, path) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class _NoKeyValueError(ValueError, IndexError):
    """A key's line without a value: PyZMQ fails on it with an IndexError."""


class Certificate(NamedTuple):
    """The keys of a certificate file, and what is wrong with it (nothing, mostly)."""

    public_key: bytes
    secret_key: bytes | None
    problems: list[str]


def load_certificate(filename: StrPath | bytes) -> tuple[bytes, bytes | None]:
    """Read the keys of a certificate file.

    The file is read as ZPL, czmq's certificate format. Where that gives no valid
    CURVE key, it is read as PyZMQ reads it, from the lines that start with
    ``public-key`` and ``secret-key``: if that finds a public key, the keys are
    returned, with a :class:`CertificateWarning` for what is wrong with the file (not
    ZPL, a key that is not 40 Z85 characters, a secret key that does not belong to
    the public key).

    Parameters
    ----------
    filename : str, bytes or os.PathLike
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
        If the file holds no public key, or a line names a key without a value
        (an error that is also PyZMQ's :class:`IndexError`).
    """
    certificate = read_certificate(filename)
    _warn_problems(filename, certificate.problems)
    return certificate.public_key, certificate.secret_key


def _warn_problems(filename: StrPath | bytes, problems: list[str]) -> None:
    # stacklevel 3: the caller of the public function
    for problem in problems:
        warnings.warn(f"{os.fsdecode(filename)}: {problem}", CertificateWarning, stacklevel=3)


def read_certificate(filename: StrPath | bytes) -> Certificate:
    """The keys of a certificate file, and its problems (see :func:`load_certificate`).

    Raises
    ------
    OSError
        If the file cannot be read.
    ValueError
        If the file holds no public key.
    """
    source = os.fsdecode(filename)
    with open(filename, "rb") as file:
        raw = file.read()
    keys, zpl_problem = _read_zpl(raw, source)
    if keys is not None and not _key_problems(*keys):
        return Certificate(*keys, [])
    # not a valid certificate in ZPL (maybe an unquoted key with a '#', which ZPL reads
    # as a comment): what PyZMQ reads from it
    public, secret = _scan_like_pyzmq(raw, source)
    if public is None:
        why = f" ({zpl_problem})" if zpl_problem else ""
        raise ValueError(f"No public key found in {source}{why}")
    problems = [zpl_problem] if zpl_problem else []
    return Certificate(public, secret, problems + _key_problems(public, secret))


def _read_zpl(raw: bytes, source: str) -> tuple[tuple[bytes, bytes | None] | None, str | None]:
    """The keys of the curve section, or None and why there are none."""
    try:
        properties = _zpl.parse(raw.decode("utf-8"), source)
    except UnicodeDecodeError:
        return None, "not a text file"
    except ValueError as error:
        return None, f"not valid ZPL ({error})"
    if "curve/public-key" not in properties:
        return None, "no public key in the curve section"
    secret = properties.get("curve/secret-key")
    return (
        properties["curve/public-key"].encode("utf-8"),
        None if secret is None else secret.encode("utf-8"),
    ), None


def _scan_like_pyzmq(raw: bytes, source: str) -> tuple[bytes | None, bytes | None]:
    """The keys as PyZMQ finds them: on the lines that start with their names."""
    keys: dict[bytes, bytes] = {}
    for number, line in enumerate(raw.split(b"\n"), start=1):
        line = line.strip()
        for name in (b"public-key", b"secret-key"):
            if line.startswith(name):
                _, equals, value = line.partition(b"=")
                if not equals:
                    raise _NoKeyValueError(f"{source}, line {number}: no '=' after {line!r}")
                keys[name] = value.strip(b" \t'\"")
        if keys.get(b"public-key") and keys.get(b"secret-key"):
            break
    return keys.get(b"public-key"), keys.get(b"secret-key")


def is_curve_key(text: bytes) -> bool:
    """Whether ``text`` is a CURVE key in Z85 form (40 valid characters)."""
    if len(text) != CURVE_KEY_Z85_CHARS:
        return False
    try:
        z85.decode(text)
    except ValueError:
        return False
    return True


def _key_problems(public: bytes, secret: bytes | None) -> list[str]:
    problems = [
        f"the {kind} key is not a CURVE key (40 Z85 characters)"
        for kind, key in (("public", public), ("secret", secret))
        if key is not None and not is_curve_key(key)
    ]
    if (
        not problems
        and secret is not None
        and zmq.has("curve")
        and zmq.curve_public(secret) != public
    ):
        problems.append("the secret key does not belong to the public key")
    return problems


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
        :meth:`Authenticator.configure_curve` works with. Hidden files and
        directories are left out. A file that is not a valid certificate gives its
        key all the same, with a :class:`CertificateWarning`, as in
        :func:`load_certificate`.

    Raises
    ------
    OSError
        If ``directory`` is not a readable directory.
    ValueError
        If one of the files holds no public key.
    """
    if not os.path.isdir(directory):
        raise OSError(f"Invalid certificate directory: {os.fspath(directory)}")
    keys = {}
    for path in certificate_files(directory):
        certificate = read_certificate(path)
        _warn_problems(path, certificate.problems)
        keys[certificate.public_key] = True
    return keys
