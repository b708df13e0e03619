"""python -m zmq.curve_keygen: new key pairs, derived public keys, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import zmq
from zmq import curve_keygen
from zmq.utils import z85

pytestmark = pytest.mark.skipif(not zmq.has("curve"), reason="libzmq without CURVE")

# an example key pair of libzmq's documentation (zmq_curve(7))
DOC_PUBLIC = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"
DOC_SECRET = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m zmq.curve_keygen`` in a fresh interpreter, as users do."""
    return subprocess.run(
        [sys.executable, "-m", "zmq.curve_keygen", *args],
        capture_output=True,
        text=True,
        timeout=60,
        # from a directory holding no zmq, so that the installed package is run
        cwd=Path(__file__).parent,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def parse_text(output: str) -> dict[str, str]:
    """The keys printed in the text format: a header line, the key, a blank line."""
    lines = output.splitlines()
    assert lines[0] == "== CURVE PUBLIC KEY =="
    assert lines[2] == ""
    assert lines[3] == "== CURVE SECRET KEY =="
    assert len(lines) == 5
    return {"public": lines[1], "secret": lines[4]}


def assert_keypair(keys: dict[str, str]) -> None:
    assert sorted(keys) == ["public", "secret"]
    for key in keys.values():
        assert len(key) == 40
        assert len(z85.decode(key)) == 32
    assert zmq.curve_public(keys["secret"].encode()) == keys["public"].encode()


def test_importing_runs_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import zmq.curve_keygen as k; assert callable(k.main)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_new_keypair(capsys: pytest.CaptureFixture[str]) -> None:
    curve_keygen.main([])
    first = parse_text(capsys.readouterr().out)
    assert_keypair(first)
    curve_keygen.main([])
    assert parse_text(capsys.readouterr().out) != first


def test_new_keypair_json(capsys: pytest.CaptureFixture[str]) -> None:
    curve_keygen.main(["--json"])
    assert_keypair(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize("secret", [DOC_SECRET, f"  {DOC_SECRET}\n"], ids=["plain", "pasted"])
def test_public_key_of_a_secret(capsys: pytest.CaptureFixture[str], secret: str) -> None:
    curve_keygen.main(["--secret", secret])
    assert parse_text(capsys.readouterr().out) == {"public": DOC_PUBLIC, "secret": DOC_SECRET}


def test_public_key_of_a_new_secret(capsys: pytest.CaptureFixture[str]) -> None:
    public, secret = zmq.curve_keypair()
    # "=": a Z85 secret may start with "-", which argparse takes for an option
    curve_keygen.main(["--json", f"--secret={secret.decode()}"])
    keys = json.loads(capsys.readouterr().out)
    assert keys == {"public": public.decode(), "secret": secret.decode()}


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("abc", "must be a 40-character Z85 key, not 3 characters"),
        ("", "must be a 40-character Z85 key, not 0 characters"),
        (DOC_SECRET + "00000", "must be a 40-character Z85 key, not 45 characters"),
        (DOC_SECRET[:-1] + "~", "'~' at position 39 is not a Z85 character"),
        ("é" * 40, "'é' at position 0 is not a Z85 character"),
        ("%" * 40, "'%%%%%' at position 0 is not a Z85 block"),
    ],
)
def test_bad_secret(capsys: pytest.CaptureFixture[str], secret: str, message: str) -> None:
    with pytest.raises(SystemExit) as exited:
        curve_keygen.main(["--secret", secret])
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        curve_keygen.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "python3 -m zmq.curve_keygen" in out
    assert "--json" in out
    assert "--secret" in out


def test_module_help() -> None:
    result = run_module("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python3 -m zmq.curve_keygen")


def test_module_new_keypair() -> None:
    result = run_module()
    assert result.returncode == 0, result.stderr
    assert_keypair(parse_text(result.stdout))


def test_module_json_secret() -> None:
    result = run_module("--json", "--secret", DOC_SECRET)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"public": DOC_PUBLIC, "secret": DOC_SECRET}


def test_module_bad_secret() -> None:
    result = run_module("--secret", "not a key")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: python3 -m zmq.curve_keygen")
    assert "error: --secret must be a 40-character Z85 key" in result.stderr
    assert "Traceback" not in result.stderr


def test_module_unknown_argument() -> None:
    result = run_module("--nope")
    assert result.returncode == 2
    assert "unrecognized arguments: --nope" in result.stderr
