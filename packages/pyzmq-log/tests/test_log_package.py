"""zmq.log is a typed subpackage of the zmq namespace, versioned on its own."""

from __future__ import annotations

import pickle
from importlib import metadata
from pathlib import Path

import zmq
import zmq.log

PROJECT = Path(__file__).resolve().parent.parent


def test_log_lives_in_the_zmq_namespace():
    assert zmq.log.__name__ == "zmq.log"
    assert Path(zmq.log.__file__).parent == PROJECT / "src" / "zmq" / "log"
    assert (PROJECT / "src" / "zmq" / "log" / "py.typed").is_file()


def test_log_version_and_core_range():
    assert metadata.version("pyzmq-log") == zmq.log.__version__
    requires = metadata.requires("pyzmq-log") or []
    assert any(req.startswith("pyzmq-core") and ">=27.3" in req for req in requires)


def test_topic_logger_is_known_by_pyzmqs_name():
    from zmq.log.handlers import TopicLogger

    assert TopicLogger.__module__ == "zmq.log.handlers"
    assert repr(TopicLogger) == "<class 'zmq.log.handlers.TopicLogger'>"
    assert pickle.loads(pickle.dumps(TopicLogger)) is TopicLogger
