"""Inputs for the scenarios, drawn by hypothesis once, the same for both sides.

hypothesis runs only here, in the harness: it draws each list with a fixed
derandomised seed, and both interpreters get the very same values in a JSON
file (`encode`; recorder.decode_inputs reads it back). A scenario reads a list
with ``c.inputs(name)``.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

INT64 = 2**63
# what libzmq's int and int64 options meet at their edges, besides what hypothesis draws
TAGS = {"bytes", "float", "tuple"}
EDGE_INTS = [0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, INT64 - 1, INT64, -INT64 - 1, 2**64]


def _draw(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    drawn: list[Any] = []

    @settings(
        derandomize=True,
        database=None,
        max_examples=count,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8)
    scalars = scalars | st.floats(allow_nan=False, allow_infinity=False)
    # the keys `encode` uses as tags are left out
    keys = st.text(max_size=6).filter(lambda key: key not in TAGS)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=10,
    )


def generate() -> dict[str, list[Any]]:
    """Every named list of inputs the scenarios use."""
    return {
        # values for int and int64 socket options: in range, at the edges, beyond them, not ints
        "option_ints": EDGE_INTS + _draw(st.integers(-(2**65), 2**65), 8),
        "option_others": _draw(
            st.one_of(
                st.floats(allow_nan=True, allow_infinity=True),
                st.text(max_size=4),
                st.binary(max_size=4),
                st.booleans(),
                st.none(),
            ),
            10,
        ),
        # message bodies: empty, short, around the copy threshold's small end
        "buffers": [b"", b"\x00", b"x" * 64, *_draw(st.binary(max_size=300), 8)],
        # multipart messages
        "multiparts": _draw(st.lists(st.binary(max_size=20), min_size=1, max_size=5), 6),
        # text for send_string and the like, with non-ASCII and surrogates
        "texts": ["", "é", "☃", "�", *_draw(st.text(max_size=12), 6)],
        # poll timeouts (ms) with nothing to wait for: small enough not to slow the run
        "poll_timeouts": [
            0,
            1,
            0.5,
            2.5,
            None,
            -1,
            *_draw(st.integers(0, 20) | st.floats(0, 20), 6),
        ],
        # z85: lengths that are and are not multiples of 4 and 5
        "z85_raw": [
            b"",
            b"\x86O\xd2o\xb5Y\xf7[",
            *_draw(st.binary(max_size=40).filter(lambda b: len(b) % 4 == 0), 6),
            *_draw(st.binary(min_size=1, max_size=9).filter(lambda b: len(b) % 4), 4),
        ],
        "z85_text": ["HelloWorld", "", "Hello", *_draw(st.text(max_size=15), 6)],
        "json_values": _draw(_json_values(), 10),
        # address strings that are malformed (nothing here resolves a name or leaves 127.0.0.1)
        "bad_addresses": [
            "",
            "tcp://",
            "tcp://127.0.0.1",
            "tcp://127.0.0.1:",
            # out of range: refused (99999 would wrap onto port 34463, which both sides,
            # run at the same time, would try to bind)
            "tcp://127.0.0.1:65536",
            "foo://bar",
            "inproc://",
            "127.0.0.1:5555",
            *_draw(st.text(alphabet="abc:/*", max_size=10), 4),
        ],
        # curve keys: right and wrong lengths, bad characters
        "curve_secrets": [
            "",
            "x" * 40,
            "A" * 39,
            "#" * 40,
            *_draw(st.binary(min_size=31, max_size=33), 3),
        ],
    }


def encode(value: Any) -> Any:
    """``value`` as JSON, with bytes, tuples and odd floats tagged (recorder.decode_inputs)."""
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"float": repr(value)}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1 and set(value) <= TAGS:
            raise ValueError(f"a dict with the key of a tag cannot be an input: {value!r}")
        return {str(k): encode(v) for k, v in value.items()}
    return value
