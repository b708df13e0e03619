"""CURVE certificate files: created in czmq's layout, read back strictly, and the
``python -m zmq.auth.certs`` command line."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import zmq
import zmq.auth
from zmq.auth import certs

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


def test_create_certificates_makes_the_directory(tmp_path: Path) -> None:
    public_file, _ = zmq.auth.create_certificates(str(tmp_path / "new" / "dir"), "c")
    assert os.path.isfile(public_file)


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
    ("name", "metadata", "error"),
    [
        ("", None, ValueError),
        ("../escape", None, ValueError),
        ("..", None, ValueError),
        (b"bytes", None, TypeError),
        ("ok", {"bad name": "x"}, ValueError),
        ("ok", {"name": "two\nlines"}, ValueError),
        ("ok", {"name": "both ' and \""}, ValueError),
        ("ok", {"name": 1}, TypeError),
        ("ok", [("name", "x")], TypeError),
    ],
)
def test_create_certificates_refuses_bad_input(
    tmp_path: Path, name: object, metadata: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        zmq.auth.create_certificates(tmp_path, name, metadata)  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []


def test_load_czmq_certificates(tmp_path: Path) -> None:
    (tmp_path / "server.key").write_text(CZMQ_PUBLIC)
    (tmp_path / "server.key_secret").write_text(CZMQ_SECRET)
    assert zmq.auth.load_certificate(tmp_path / "server.key") == (PUBLIC, None)
    assert zmq.auth.load_certificate(tmp_path / "server.key_secret") == (PUBLIC, SECRET)


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
        pytest.param("metadata\ncurve\n", "No public key found", id="no-public-key"),
        pytest.param('public-key = "{key}"\n', "No public key found", id="outside-curve"),
        pytest.param('curve\n    public-key = "abc"\n', "not a CURVE key", id="short-key"),
        pytest.param('curve\n    public-key = "{bad}"\n', "not a CURVE key", id="bad-char"),
        pytest.param('curve\n    public-key = "{key}\n', "line 2: unterminated", id="quote"),
        pytest.param('curve\n  public-key = "{key}"\n', "line 2: unexpected indent", id="2sp"),
        pytest.param('curve\n\tpublic-key = "{key}"\n', "line 2: indent with spaces", id="tab"),
        pytest.param('curve\n        public-key = "{key}"\n', "line 2: unexpected", id="deep"),
        pytest.param('curve\n    public-key "{key}"\n', "line 2: expected '='", id="no-eq"),
        pytest.param('curve\n    = "{key}"\n', "line 2: expected a property", id="no-name"),
        pytest.param(
            'curve\n    public-key = "{key}"\n    secret-key = "{other}"\n',
            "does not belong",
            id="mismatched-secret",
        ),
    ],
)
def test_load_certificate_refuses_broken_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.key"
    path.write_text(
        text.format(key=PUBLIC.decode(), bad="é" * 40, other=zmq.curve_keypair()[1].decode())
    )
    with pytest.raises(ValueError, match=message) as raised:
        zmq.auth.load_certificate(path)
    assert str(path) in str(raised.value)


def test_load_certificate_refuses_binary_files(tmp_path: Path) -> None:
    path = tmp_path / "binary.key"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError, match="not a text certificate"):
        zmq.auth.load_certificate(path)


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


def test_load_certificates_refuses_a_broken_file(tmp_path: Path) -> None:
    zmq.auth.create_certificates(tmp_path, "good")
    (tmp_path / "bad.key").write_text("metadata\n")
    with pytest.raises(ValueError, match=r"bad\.key"):
        zmq.auth.load_certificates(tmp_path)


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
