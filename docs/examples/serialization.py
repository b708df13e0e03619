"""Serialization: JSON and pickle helpers, and your own serializer.

The custom one sends a numpy array as two parts, a JSON header and the raw
buffer, without copying the array, and compresses another message with zlib.
"""

import json
import zlib

import numpy as np

import zmq


def serialize_array(array: np.ndarray) -> list:
    """A header describing the array, and the array's own memory (not a copy)."""
    header = json.dumps({"dtype": str(array.dtype), "shape": array.shape}).encode()
    return [header, np.ascontiguousarray(array)]


def deserialize_array(parts: list) -> np.ndarray:
    header = json.loads(parts[0].bytes)
    # the array reads the received Frame's buffer: no copy on this side either
    return np.frombuffer(parts[1].buffer, dtype=header["dtype"]).reshape(header["shape"])


def compress(obj: object) -> list:
    return [zlib.compress(json.dumps(obj).encode())]


def decompress(parts: list) -> object:
    return json.loads(zlib.decompress(parts[0]))


def main() -> None:
    with zmq.Context() as ctx, ctx.socket(zmq.PAIR) as a, ctx.socket(zmq.PAIR) as b:
        a.bind("inproc://serialization")
        b.connect("inproc://serialization")

        a.send_json({"id": 1, "tags": ["a", "b"]})
        print(f"json: {b.recv_json()}")
        a.send_pyobj({1, 2, 3})  # pickle: only between peers that trust each other
        print(f"pickle: {b.recv_pyobj()}")

        # large enough (1 MB) to be sent without a copy: smaller messages are
        # copied anyway (zmq.COPY_THRESHOLD), which is faster for them
        array = np.arange(250_000, dtype=np.float32).reshape(500, 500)
        a.send_serialized(array, serialize_array, copy=False)
        received = b.recv_serialized(deserialize_array, copy=False)
        print(
            f"numpy: {received.dtype} {received.shape}, equal: {np.array_equal(array, received)}"
        )

        document = {"log": ["the same line again"] * 200}
        a.send_serialized(document, compress)
        print(
            f"zlib: {len(json.dumps(document))} bytes of JSON sent as {len(compress(document)[0])}"
        )
        print(f"zlib round trip equal: {b.recv_serialized(decompress) == document}")


if __name__ == "__main__":
    main()
