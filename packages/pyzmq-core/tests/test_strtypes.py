"""zmq.utils.strtypes: the deprecated string helpers still behave as before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zmq.utils import strtypes


def test_import_is_silent() -> None:
    # a fresh interpreter, because this test run may have imported it already
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", "import zmq.utils.strtypes"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_type_aliases() -> None:
    assert strtypes.bytes is bytes
    assert strtypes.unicode is str
    assert strtypes.basestring == (str,)
    assert isinstance("text", strtypes.basestring)


def test_function_aliases() -> None:
    assert strtypes.asbytes is strtypes.cast_bytes
    assert strtypes.b is strtypes.cast_bytes
    assert strtypes.u is strtypes.cast_unicode


def test_all() -> None:
    assert sorted(strtypes.__all__) == sorted(
        ["asbytes", "bytes", "unicode", "basestring", "b", "u", "cast_bytes", "cast_unicode"]
    )
    for name in strtypes.__all__:
        assert hasattr(strtypes, name)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("value", "encoding", "expected"),
    [
        ("héllo", "utf8", "héllo".encode()),
        ("héllo", "latin-1", b"h\xe9llo"),
        (b"h\xff", "ascii", b"h\xff"),
        ("", "utf8", b""),
    ],
)
def test_cast_bytes(value: str | bytes, encoding: str, expected: bytes) -> None:
    result = strtypes.cast_bytes(value, encoding)
    assert result == expected
    assert type(result) is bytes


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("value", "encoding", "expected"),
    [
        ("héllo".encode(), "utf8", "héllo"),
        (b"h\xe9llo", "latin-1", "héllo"),
        ("h\xff", "ascii", "h\xff"),
        (b"", "utf8", ""),
    ],
)
def test_cast_unicode(value: str | bytes, encoding: str, expected: str) -> None:
    result = strtypes.cast_unicode(value, encoding)
    assert result == expected
    assert type(result) is str


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_errors_argument() -> None:
    assert strtypes.cast_bytes("hé", "ascii", "replace") == b"h?"
    assert strtypes.cast_unicode(b"h\xff", "utf8", "replace") == "h\ufffd"
    with pytest.raises(UnicodeEncodeError):
        strtypes.cast_bytes("hé", "ascii")
    with pytest.raises(UnicodeDecodeError):
        strtypes.cast_unicode(b"\xff")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("function", [strtypes.cast_bytes, strtypes.cast_unicode])
@pytest.mark.parametrize("value", [5, None, bytearray(b"x"), memoryview(b"x")])
def test_other_types_refused(function, value: object) -> None:
    with pytest.raises(TypeError, match=f"expected str or bytes, not {type(value).__name__}"):
        function(value)


@pytest.mark.parametrize("function", [strtypes.cast_bytes, strtypes.cast_unicode])
def test_calls_warn_at_the_caller(function) -> None:
    with pytest.warns(DeprecationWarning, match="strtypes is deprecated") as caught:
        function("x")
    assert caught[0].filename == __file__
