"""Fuzzed log records: logging through PUBHandler never raises in the caller,
and what is published is always two utf-8 frames (tools/hardening runs more)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zmq
from zmq.log.handlers import PUBHandler

settings.register_profile(
    "quick", max_examples=100, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

messages = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=40),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.builds(object),
)


@pytest.fixture(scope="module")
def published() -> Iterator[tuple[Any, Any]]:
    ctx: zmq.Context[Any] = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.subscribe(b"")
    sub.rcvtimeo = 5000
    port = sub.bind_to_random_port("tcp://127.0.0.1")
    pub = ctx.socket(zmq.PUB)
    pub.connect(f"tcp://127.0.0.1:{port}")
    handler = PUBHandler(pub)
    logger = logging.getLogger("zmq.fuzz")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    while not sub.poll(10):  # until the subscription reached the publisher
        logger.info("hello")
    while sub.poll(50):
        sub.recv_multipart()
    yield logger, sub
    logger.removeHandler(handler)
    handler.close()
    pub.close(linger=0)
    sub.close()
    ctx.term()


@given(
    root_topic=st.text(max_size=20),
    subtopic=st.one_of(st.none(), st.text(max_size=20)),
    message=messages,
    level=st.sampled_from([logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, 5, 45]),
)
def test_any_record_is_published_or_dropped_quietly(
    published: tuple[Any, Any], root_topic: str, subtopic: str | None, message: Any, level: int
) -> None:
    logger, sub = published
    handler = logger.handlers[0]
    handler.root_topic = root_topic
    if subtopic is not None and isinstance(message, str):
        message = f"{subtopic}::{message}"
    logger.log(level, message)  # must never raise here
    logger.info("marker")
    frames = []
    while True:
        topic, text = sub.recv_multipart()
        topic.decode("utf-8")
        text.decode("utf-8")
        frames.append((topic, text))
        if text.rstrip(b"\n").endswith(b"marker"):
            break
    assert len(frames) <= 2


@given(root_topic=st.one_of(st.integers(), st.floats(), st.builds(object), st.binary(max_size=5)))
def test_bad_root_topics_warn_or_fail_as_pyzmq(
    published: tuple[Any, Any], root_topic: Any
) -> None:
    handler = published[0].handlers[0]
    if isinstance(root_topic, bytes):
        try:
            expected = root_topic.decode("utf-8")
        except UnicodeDecodeError:
            with pytest.raises(UnicodeDecodeError):
                handler.root_topic = root_topic
        else:
            handler.root_topic = root_topic
            assert handler.root_topic == expected
        return
    with pytest.warns(DeprecationWarning, match="root_topic should be str"):
        handler.root_topic = root_topic
    assert handler.root_topic is root_topic
    handler.root_topic = ""
