"""pyzmq-core's Context tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_context.py",
        skip={
            "test_repr": "a green Context calls itself zmq.green.Context (tested here)",
            "test_instance_after_fork_is_new": "it forks with os.fork, after which the child "
            "shares the parent's gevent hub (its epoll set) unless gevent.fork is used",
            "test_module_paths_downstream_code_imports": "checks the core's own classes, "
            "which zmq.green replaces by design",
        },
    )
)
