"""zmq.utils.z85: RFC 32's vectors, round trips, libzmq's own keys, bad input."""

from __future__ import annotations

import array
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zmq
from zmq.utils import z85

# ZeroMQ RFC 32's test vector
RFC_DATA = bytes([0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B])
RFC_TEXT = b"HelloWorld"

# the example CURVE key pairs of libzmq's documentation (zmq_curve(7))
DOC_KEYPAIRS = [
    (b"Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID", b"D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"),
    (b"rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", b"JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"),
]

needs_curve = pytest.mark.skipif(not zmq.has("curve"), reason="libzmq without CURVE")


def test_alphabet() -> None:
    assert len(z85.Z85CHARS) == 85
    assert len(set(z85.Z85CHARS)) == 85
    assert {z85.Z85CHARS[value]: value for value in range(85)} == z85.Z85MAP
    assert not set(b"'\"\\ ,;`~|_") & set(z85.Z85CHARS)


def test_rfc_vector() -> None:
    assert z85.encode(RFC_DATA) == RFC_TEXT
    assert z85.decode(RFC_TEXT) == RFC_DATA
    assert z85.decode(RFC_TEXT.decode()) == RFC_DATA


@pytest.mark.parametrize(
    ("data", "text"),
    [(b"", b""), (b"\x00" * 4, b"00000"), (b"\xff" * 4, b"%nSc0")],
)
def test_block_limits(data: bytes, text: bytes) -> None:
    assert z85.encode(data) == text
    assert z85.decode(text) == data


def test_results_are_bytes() -> None:
    assert type(z85.encode(bytearray(RFC_DATA))) is bytes
    assert type(z85.decode(bytearray(RFC_TEXT))) is bytes


@pytest.mark.parametrize(
    "data", [bytearray(RFC_DATA), memoryview(RFC_DATA), memoryview(RFC_DATA * 2)[::2]]
)
def test_encode_bytes_like(data: bytearray | memoryview) -> None:
    assert z85.encode(data) == z85.encode(bytes(data))


def test_encode_counts_bytes_not_items() -> None:
    words = array.array("I", [1, 2])
    assert z85.decode(z85.encode(words)) == words.tobytes()


@given(st.binary().map(lambda data: data[: len(data) // 4 * 4]))
def test_round_trip(data: bytes) -> None:
    text = z85.encode(data)
    assert len(text) == len(data) // 4 * 5
    assert set(text) <= set(z85.Z85CHARS)
    assert z85.decode(text) == data
    assert z85.decode(text.decode("ascii")) == data


@given(st.lists(st.sampled_from(z85.Z85CHARS), max_size=100).map(bytes))
def test_decode_any_text_or_fail_clearly(text: bytes) -> None:
    text = text[: len(text) // 5 * 5]
    try:
        data = z85.decode(text)
    except ValueError as e:
        assert "exceeds 32 bits" in str(e)
    else:
        assert z85.encode(data) == text


@pytest.mark.parametrize(("public", "secret"), DOC_KEYPAIRS)
def test_documented_keys(public: bytes, secret: bytes) -> None:
    for key in (public, secret):
        assert len(z85.decode(key)) == 32
        assert z85.encode(z85.decode(key)) == key


@needs_curve
@pytest.mark.parametrize(("public", "secret"), DOC_KEYPAIRS)
def test_documented_keys_match_libzmq(public: bytes, secret: bytes) -> None:
    assert zmq.curve_public(secret) == public


@needs_curve
def test_libzmq_keypair() -> None:
    public, secret = zmq.curve_keypair()
    assert zmq.curve_public(secret) == public
    for key in (public, secret):
        raw = z85.decode(key)
        assert len(raw) == 32
        assert z85.encode(raw) == key


@needs_curve
def test_curve_handshake_with_our_encoding(socket) -> None:
    # The server has its secret key in binary; the client gets the public key
    # libzmq derives from our encoding of it: they only talk if both are the same key.
    raw_secret = bytes(range(32))
    server = socket(zmq.PULL, curve_server=True, curve_secretkey=raw_secret)
    client_public, client_secret = zmq.curve_keypair()
    client = socket(
        zmq.PUSH,
        curve_serverkey=zmq.curve_public(z85.encode(raw_secret)),
        curve_publickey=client_public,
        curve_secretkey=client_secret,
    )
    port = server.bind_to_random_port("tcp://127.0.0.1")
    client.connect(f"tcp://127.0.0.1:{port}")
    client.send(b"over curve")
    assert server.recv() == b"over curve"


@pytest.mark.parametrize("length", [1, 3, 5, 33])
def test_encode_wrong_length(length: int) -> None:
    with pytest.raises(ValueError, match=f"multiple of 4, not {length}$"):
        z85.encode(b"x" * length)


@pytest.mark.parametrize("length", [1, 4, 6, 39])
def test_decode_wrong_length(length: int) -> None:
    with pytest.raises(ValueError, match=f"multiple of 5, not {length}$"):
        z85.decode("0" * length)


@pytest.mark.parametrize(
    ("text", "shown", "position"),
    [
        ("Hello~orld", "'~'", 5),
        (b"Hello orld", "b' '", 5),
        (b"Hell\x00World", r"b'\\x00'", 4),
        (b"\xff" * 5, r"b'\\xff'", 0),
        ("héllo", "'é'", 1),
        ("hé?lo", "'é'", 1),
        ('"0000', "'\"'", 0),
    ],
)
def test_decode_invalid_character(text: str | bytes, shown: str, position: int) -> None:
    with pytest.raises(
        ValueError, match=f"^{shown} at position {position} is not a Z85 character"
    ):
        z85.decode(text)
    if not isinstance(text, str) or text.isascii():
        with pytest.raises(KeyError):  # what PyZMQ raises (text that is not ASCII: ValueError)
            z85.decode(text)


@pytest.mark.parametrize(("text", "position"), [("%nSc1", 0), ("00000#####", 5)])
def test_decode_block_overflow(text: str, position: int) -> None:
    block = text[position : position + 5]
    with pytest.raises(ValueError, match=f"'{block}' at position {position} .* exceeds 32 bits"):
        z85.decode(text)
    with pytest.raises(struct.error):  # what PyZMQ raises
        z85.decode(text)


@pytest.mark.parametrize("value", [1234, None, [1, 2, 3, 4], 1.5])
def test_wrong_types(value: object) -> None:
    with pytest.raises(TypeError, match=type(value).__name__):
        z85.encode(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=type(value).__name__):
        z85.decode(value)  # type: ignore[arg-type]


def test_encode_refuses_text() -> None:
    with pytest.raises(TypeError, match="not str"):
        z85.encode("abcd")  # type: ignore[arg-type]
