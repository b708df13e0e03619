"""zmq.utils.jsonapi: JSON as utf-8 bytes."""

from __future__ import annotations

import json

from zmq.utils import jsonapi


def test_round_trip():
    assert jsonapi.dumps({"a": "é"}) == b'{"a": "\\u00e9"}'
    assert jsonapi.loads(jsonapi.dumps([1, "x"])) == [1, "x"]
    assert jsonapi.loads('{"a": 1}') == {"a": 1}


def test_jsonmod_is_the_json_module():
    # PyZMQ keeps the name for code that reads it
    assert jsonapi.jsonmod is json
