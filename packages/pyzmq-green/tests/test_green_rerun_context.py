"""pyzmq-core's Context tests, run again against zmq.green."""

from green_rerun import rerun

globals().update(
    rerun(
        "test_context.py",
        skip={
            "test_repr": "a green Context calls itself zmq.green.Context (tested here)",
            "test_instance_after_fork_is_new": "os.fork without gevent's fork leaves the "
            "child's hub unusable",
            "test_module_paths_downstream_code_imports": "checks the core's own classes, "
            "which zmq.green replaces by design",
        },
    )
)
