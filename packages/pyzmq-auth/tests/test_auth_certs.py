"""CURVE certificate files: created in czmq's layout, read back strictly, and the
``python -m zmq.auth.certs`` command line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import zmq
import zmq.auth
from zmq.auth import _certificates, _zap, certs
from zmq.utils import z85

# a certificate pair in the layout czmq and PyZMQ write (keys from ZeroMQ RFC 26's example)
CZMQ_PUBLIC = """\
#   ****  Generated on 2013-08-29 19:51:28 by CZMQ  ****
#   ZeroMQ CURVE Public Certificate

metadata
    name = "Server"
curve
    public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
"""
CZMQ_SECRET = """\
metadata
    name = "Server"
curve
    public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
    secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
"""
PUBLIC = b"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
SECRET = b"JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"


def test_create_certificates_writes_a_pair(tmp_path: Path) -> None:
    public_file, secret_file = zmq.auth.create_certificates(tmp_path, "server")
    assert (public_file, secret_file) == (
        os.path.join(tmp_path, "server.key"),
        os.path.join(tmp_path, "server.key_secret"),
    )
    public, no_secret = zmq.auth.load_certificate(public_file)
    assert no_secret is None
    assert zmq.auth.load_certificate(secret_file)[0] == public
    secret = zmq.auth.load_certificate(secret_file)[1]
    assert secret is not None and zmq.curve_public(secret) == public
    assert sorted(os.listdir(tmp_path)) == ["server.key", "server.key_secret"]


def test_secret_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    public_file, secret_file = zmq.auth.create_certificates(tmp_path, "server")
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(public_file).st_mode) == 0o644


def test_create_certificates_replaces_a_pair_and_its_permissions(tmp_path: Path) -> None:
    first = zmq.auth.load_certificate(zmq.auth.create_certificates(tmp_path, "a")[1])
    os.chmod(tmp_path / "a.key_secret", 0o666)
    _, secret_file = zmq.auth.create_certificates(tmp_path, "a")
    assert zmq.auth.load_certificate(secret_file) != first
    assert stat.S_IMODE(os.stat(secret_file).st_mode) == 0o600


def test_create_certificates_needs_the_directory(tmp_path: Path) -> None:
    # as in PyZMQ: the directory is not created, and the error names the certificate file
    missing = tmp_path / "new" / "dir"
    with pytest.raises(FileNotFoundError, match=r"new/dir/c\.key"):
        zmq.auth.create_certificates(missing, "c")
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError):
        zmq.auth.create_certificates(tmp_path / "file", "c")
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_metadata_goes_into_both_files(tmp_path: Path) -> None:
    metadata = {"name": "Joe Doe", "email": "joe@example.org", "quote": 'say "hi"'}
    for path in zmq.auth.create_certificates(tmp_path, "joe", metadata):
        text = Path(path).read_text()
        assert '\nmetadata\n    name = "Joe Doe"\n    email = "joe@example.org"\n' in text
        assert """    quote = 'say "hi"'\n""" in text


def test_files_have_czmq_sections(tmp_path: Path) -> None:
    public_file, secret_file = zmq.auth.create_certificates(tmp_path, "s")
    public, secret = zmq.auth.load_certificate(secret_file)
    assert (
        Path(public_file)
        .read_text()
        .endswith(f'\nmetadata\ncurve\n    public-key = "{public.decode()}"\n')
    )
    assert (
        Path(secret_file)
        .read_text()
        .endswith(
            f'\ncurve\n    public-key = "{public.decode()}"\n'
            f'    secret-key = "{secret.decode()}"\n'  # type: ignore[union-attr]
        )
    )


@pytest.mark.parametrize(
    ("name", "metadata", "errors"),
    [
        (b"bytes", None, (TypeError,)),
        (5, None, (TypeError,)),
        # PyZMQ calls metadata.items(): AttributeError
        ("ok", [("name", "x")], (TypeError, AttributeError)),
        ("ok", "name=x", (TypeError, AttributeError)),
    ],
)
def test_create_certificates_refuses_bad_input(
    tmp_path: Path, name: object, metadata: object, errors: tuple[type[Exception], ...]
) -> None:
    with pytest.raises(errors[0]) as raised:
        zmq.auth.create_certificates(tmp_path, name, metadata)  # type: ignore[arg-type]
    assert isinstance(raised.value, errors)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "public_file"),
    [("", ".key"), ("..", "...key"), ("sub/x", "sub/x.key"), ("sub/../y", "y.key")],
)
def test_create_certificates_joins_any_name_as_pyzmq_does(
    tmp_path: Path, name: str, public_file: str
) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.warns(DeprecationWarning, match="not a file name without directories"):
        files = zmq.auth.create_certificates(tmp_path, name)
    assert files == (
        os.path.join(tmp_path, name) + ".key",
        os.path.join(tmp_path, name) + ".key_secret",
    )
    assert os.path.normpath(files[0]) == str(tmp_path / public_file)
    public, secret = zmq.auth.load_certificate(files[1])
    assert secret is not None and zmq.curve_public(secret) == public


def test_metadata_is_written_as_pyzmq_writes_it(tmp_path: Path) -> None:
    metadata = {b"raw": b"bytes", "number": 5, 7: "seven"}
    for path in zmq.auth.create_certificates(tmp_path, "m", metadata):  # type: ignore[arg-type]
        text = Path(path).read_text()
        assert '\nmetadata\n    raw = "bytes"\n    number = "5"\n    7 = "seven"\ncurve\n' in text


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ({"bad name": "x"}, "'bad name' is not a ZPL name"),
        ({"name": "two\nlines"}, "a ZPL value is one line"),
        ({"name": "both ' and \""}, "cannot hold both"),
    ],
)
def test_metadata_zpl_cannot_hold_is_left_out(
    tmp_path: Path, metadata: dict[str, str], problem: str
) -> None:
    # PyZMQ writes it as it is, and breaks the file (or lets a value add lines to it)
    with pytest.warns(zmq.auth.CertificateWarning, match=problem):
        files = zmq.auth.create_certificates(tmp_path, "m", {**metadata, "kept": "yes"})
    for path in files:
        text = Path(path).read_text()
        assert '\nmetadata\n    kept = "yes"\ncurve\n' in text
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert len(zmq.auth.load_certificate(path)[0]) == 40


def test_load_czmq_certificates(tmp_path: Path) -> None:
    (tmp_path / "server.key").write_text(CZMQ_PUBLIC)
    (tmp_path / "server.key_secret").write_text(CZMQ_SECRET)
    assert zmq.auth.load_certificate(tmp_path / "server.key") == (PUBLIC, None)
    assert zmq.auth.load_certificate(tmp_path / "server.key_secret") == (PUBLIC, SECRET)


def test_load_certificate_reads_an_unquoted_key_with_a_hash_as_pyzmq_does(tmp_path: Path) -> None:
    # ZPL would end the value at the '#' (a comment); the whole key is what was meant
    public = b"GRY0{KBO}L{c9z?Ovy#9jSy]y9vfUI>U:@7GBs.{"
    path = tmp_path / "hash.key"
    path.write_bytes(b"curve\n    public-key = " + public + b"\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zmq.auth.load_certificate(path) == (public, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("curve\n    public-key = {key}\n", id="unquoted"),
        pytest.param("curve\n    public-key = '{key}'   # a comment\n", id="single-quotes"),
        pytest.param('curve\r\n    public-key="{key}"\r\n', id="crlf-no-spaces"),
        pytest.param(
            'curve # the keys\n\n    # of the server\n    public-key = "{key}"\n',
            id="comments-and-blank-lines",
        ),
    ],
)
def test_load_certificate_reads_zpl_spellings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.key"
    path.write_bytes(text.format(key=PUBLIC.decode()).encode())
    assert zmq.auth.load_certificate(path) == (PUBLIC, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("", "No public key found", id="empty"),
        pytest.param("metadata\ncurve\n", "No public key found", id="no-public-key"),
        pytest.param('curve\n    = "{key}"\n', "line 2: expected a property", id="no-name"),
    ],
)
def test_load_certificate_without_a_public_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.key"
    path.write_text(text.format(key=PUBLIC.decode()))
    with pytest.raises(ValueError, match=message) as raised:
        zmq.auth.load_certificate(path)
    assert str(path) in str(raised.value)


def test_load_certificate_of_a_key_without_value(tmp_path: Path) -> None:
    path = tmp_path / "broken.key"
    path.write_text(f'curve\n    public-key "{PUBLIC.decode()}"\n')
    # PyZMQ fails on it with an IndexError
    with pytest.raises(ValueError, match="line 2: no '=' after") as raised:
        zmq.auth.load_certificate(path)
    assert isinstance(raised.value, IndexError)


def test_load_certificate_of_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "binary.key"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match=r"No public key found .*not a text file"):
        zmq.auth.load_certificate(path)


OTHER_SECRET = b"gk-#lCfPOvGt&dria?D#J6mH:-==:Wtnp?vf&MR}"


@pytest.mark.parametrize(
    ("text", "keys", "problem"),
    [
        pytest.param(
            'public-key = "{key}"\n',
            (PUBLIC, None),
            "no public key in the curve section",
            id="outside",
        ),
        pytest.param(
            'curve\n    public-key = "abc"\n', (b"abc", None), "not a CURVE key", id="short-key"
        ),
        pytest.param(
            'curve\n    public-key = "{bad}"\n',
            ("é" * 40).encode(),
            "public key is not a CURVE key",
            id="bad-char",
        ),
        pytest.param(
            'curve\n    public-key = "{key}\n', (PUBLIC, None), "line 2: unterminated", id="quote"
        ),
        pytest.param(
            'curve\n  public-key = "{key}"\n', (PUBLIC, None), "line 2: unexpected", id="2sp"
        ),
        pytest.param(
            'curve\n\tpublic-key = "{key}"\n', (PUBLIC, None), "line 2: indent with", id="tab"
        ),
        pytest.param(
            'curve\n    public-key = "{key}" and more\n',
            (PUBLIC + b'" and more', None),
            "line 2: unexpected text",
            id="trailing-text",
        ),
        pytest.param(
            'curve\n    public-key = "{key}"\n    secret-key = "{other}"\n',
            (PUBLIC, OTHER_SECRET),
            "does not belong",
            id="mismatched-secret",
        ),
    ],
)
def test_load_certificate_reads_broken_files_as_pyzmq_does(
    tmp_path: Path, text: str, keys: tuple[bytes, bytes | None] | bytes, problem: str
) -> None:
    path = tmp_path / "broken.key"
    path.write_text(text.format(key=PUBLIC.decode(), bad="é" * 40, other=OTHER_SECRET.decode()))
    with pytest.warns(zmq.auth.CertificateWarning) as warned:
        loaded = zmq.auth.load_certificate(path)
    assert loaded == (keys if isinstance(keys, tuple) else (keys, None))
    assert any(problem in str(w.message) for w in warned), [str(w.message) for w in warned]
    assert all(str(w.message).startswith(f"{path}: ") for w in warned)
    assert {w.filename for w in warned} == {__file__}
    # a directory of them: the keys are read all the same
    with pytest.warns(zmq.auth.CertificateWarning) as warned:
        assert zmq.auth.load_certificates(tmp_path) == {loaded[0]: True}
    assert {w.filename for w in warned} == {__file__}


def test_load_certificate_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        zmq.auth.load_certificate(tmp_path / "missing.key")


def test_load_certificates_maps_public_keys(tmp_path: Path) -> None:
    keys = set()
    for name in ("a", "b", "c"):
        public_file, _ = zmq.auth.create_certificates(tmp_path, name)
        keys.add(zmq.auth.load_certificate(public_file)[0])
    (tmp_path / ".hidden.key").write_text(CZMQ_PUBLIC)
    (tmp_path / "notes.txt").write_text("not a certificate")
    assert zmq.auth.load_certificates(tmp_path) == dict.fromkeys(keys, True)
    assert zmq.auth.load_certificates(str(tmp_path)) == dict.fromkeys(keys, True)


def test_load_certificates_refuses_a_file_without_key(tmp_path: Path) -> None:
    zmq.auth.create_certificates(tmp_path, "good")
    (tmp_path / "bad.key").write_text("metadata\n")
    with pytest.raises(ValueError, match=r"bad\.key"):
        zmq.auth.load_certificates(tmp_path)


def test_load_certificates_skips_directories(tmp_path: Path) -> None:
    # PyZMQ fails on them (IsADirectoryError), and trusts no key of the directory
    public_file, _ = zmq.auth.create_certificates(tmp_path, "good")
    (tmp_path / "folder.key").mkdir()
    assert zmq.auth.load_certificates(tmp_path) == {
        zmq.auth.load_certificate(public_file)[0]: True
    }


def test_paths_of_every_kind(tmp_path: Path) -> None:
    public_file, _ = zmq.auth.create_certificates(str(tmp_path), "p")
    key = zmq.auth.load_certificate(public_file)
    assert zmq.auth.load_certificate(Path(public_file)) == key
    # as in PyZMQ, which opens the path as it is
    assert zmq.auth.load_certificate(os.fsencode(public_file)) == key


def test_load_certificates_of_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="Invalid certificate directory"):
        zmq.auth.load_certificates(tmp_path / "missing")


def test_certs_module_exports_the_same_functions() -> None:
    assert certs.create_certificates is zmq.auth.create_certificates
    assert certs.load_certificate is zmq.auth.load_certificate
    assert certs.load_certificates is zmq.auth.load_certificates


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-m", "zmq.auth.certs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_help(tmp_path: Path) -> None:
    result = _run_cli("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "-m zmq.auth.certs" in result.stdout
    assert "NAME.key_secret" in result.stdout
    assert result.stderr == ""


def test_cli_creates_pairs(tmp_path: Path) -> None:
    result = _run_cli("server", "client", "-d", "keys", "-m", "email=a@example.org", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    keys = tmp_path / "keys"
    assert sorted(os.listdir(keys)) == [
        "client.key",
        "client.key_secret",
        "server.key",
        "server.key_secret",
    ]
    assert f"public certificate: {os.path.join('keys', 'server.key')}" in result.stdout
    assert 'email = "a@example.org"' in (keys / "client.key").read_text()
    assert len(zmq.auth.load_certificates(keys)) == 2


def test_cli_refuses_to_replace_without_force(tmp_path: Path) -> None:
    assert _run_cli("server", cwd=tmp_path).returncode == 0
    before = zmq.auth.load_certificate(tmp_path / "server.key_secret")
    result = _run_cli("server", cwd=tmp_path)
    assert result.returncode == 2
    assert "use --force" in result.stderr
    assert zmq.auth.load_certificate(tmp_path / "server.key_secret") == before
    assert _run_cli("--force", "server", cwd=tmp_path).returncode == 0
    assert zmq.auth.load_certificate(tmp_path / "server.key_secret") != before


@pytest.mark.parametrize(
    "args", [(), ("-m", "novalue", "x"), ("-m", "bad name=x", "x"), ("../x",)], ids=str
)
def test_cli_bad_arguments(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = _run_cli(*args, cwd=tmp_path)
    assert result.returncode != 0
    assert "zmq.auth.certs" in result.stderr
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_real_keys_are_curve_keys() -> None:
    public, secret = zmq.curve_keypair()
    assert _certificates.is_curve_key(public) and _certificates.is_curve_key(secret)
    raw = os.urandom(_zap.CURVE_KEY_BYTES)
    assert _certificates.is_curve_key(z85.encode(raw))


@pytest.mark.parametrize("text", [b"", b"x" * 39, b"x" * 41, b'"' * 40, b"#" * 40])
def test_other_text_is_not_a_curve_key(text: bytes) -> None:
    assert not _certificates.is_curve_key(text)
