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
            "test_destroy_ends_calls_other_threads_wait_in_first": "it runs the core's "
            "blocking calls in a program of their own",
            "test_closing_a_socket_another_thread_waits_on_is_refused": "green sockets never "
            "wait inside libzmq, so no other thread can be in a call on one",
        },
    )
)
