"""JSON in bytes: what send_json and recv_json use."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps", "loads"]

#: the JSON module in use (PyZMQ once chose among several; always :mod:`json` now)
jsonmod = json


def dumps(o: Any, **kwargs: Any) -> bytes:
    """Serialize ``o`` to JSON, encoded in utf-8; ``kwargs`` go to :func:`json.dumps`."""
    return json.dumps(o, **kwargs).encode("utf-8")


def loads(s: bytes | str, **kwargs: Any) -> Any:
    """Load JSON from bytes (utf-8) or str; ``kwargs`` go to :func:`json.loads`."""
    if isinstance(s, bytes):
        s = s.decode("utf-8")
    return json.loads(s, **kwargs)
