"""compare.py reports what differs from PyZMQ, and accepts what the contract allows."""

from __future__ import annotations

from typing import Any

from compare import Run, accepts, compare, compare_step


def returned(
    value: Any, type_: str, norm: str | None = None, warns: list[str] = ()
) -> dict[str, Any]:
    return {
        "step": "s",
        "outcome": "return",
        "value": {"type": type_, "value": value},
        "norm": norm,
        "warnings": [{"type": w, "mro": [w, "Warning"], "message": ""} for w in warns],
    }


def raised(mro: list[str], errno: int | None = None) -> dict[str, Any]:
    error = {"type": mro[0], "mro": mro, "errno": errno, "message": "m"}
    return {"step": "s", "outcome": "raise", "error": error, "norm": None, "warnings": []}


def test_the_same_value_and_type_is_no_difference() -> None:
    assert compare_step("x", "s", returned(1, "int"), returned(1, "int")) == []


def test_another_return_type_is_reported() -> None:
    (found,) = compare_step("x", "s", returned(1, "int"), returned(1, "zmq.Errno"))
    assert found.kind == "returns another type"


def test_another_value_is_reported() -> None:
    (found,) = compare_step("x", "s", returned(2, "int"), returned(1, "int"))
    assert found.kind == "returns another value"


def test_a_bool_is_not_an_int() -> None:
    assert compare_step("x", "s", returned(True, "bool"), returned(1, "int"))


def test_another_exception_class_is_reported() -> None:
    (found,) = compare_step(
        "x", "s", raised(["zmq.ZMQError", "Exception"]), raised(["AttributeError", "Exception"])
    )
    assert "another exception class" in found.kind


def test_a_subclass_of_pyzmqs_exception_is_accepted() -> None:
    ours = raised(["zmq.ClearerError", "AttributeError", "Exception"])
    assert compare_step("x", "s", ours, raised(["AttributeError", "Exception"])) == []


def test_a_parent_of_pyzmqs_exception_is_not_enough() -> None:
    ours = raised(["zmq.ZMQBaseError", "Exception"])
    assert compare_step("x", "s", ours, raised(["zmq.ZMQError", "zmq.ZMQBaseError", "Exception"]))


def test_raising_where_pyzmq_returns_and_the_reverse_are_reported() -> None:
    (one,) = compare_step("x", "s", raised(["TypeError"]), returned(None, "NoneType"))
    (other,) = compare_step("x", "s", returned(None, "NoneType"), raised(["TypeError"]))
    assert (one.kind, other.kind) == ("raises where PyZMQ returns", "returns where PyZMQ raises")


def test_a_missing_warning_is_reported_and_an_extra_one_is_not() -> None:
    pyzmq_warns = returned(None, "NoneType", warns=["DeprecationWarning"])
    (found,) = compare_step("x", "s", returned(None, "NoneType"), pyzmq_warns)
    assert "does not warn DeprecationWarning" in found.kind
    ours_warns = returned(None, "NoneType", warns=["DeprecationWarning"])
    assert compare_step("x", "s", ours_warns, returned(None, "NoneType")) == []


def test_norm_type_compares_only_the_type() -> None:
    assert compare_step("x", "s", returned(5, "int", "type"), returned(6, "int", "type")) == []
    assert compare_step("x", "s", returned("5", "str", "type"), returned(6, "int", "type"))


def names(*items: str) -> dict[str, Any]:
    return {
        "step": "s",
        "outcome": "return",
        "value": {"type": "list", "items": [{"type": "str", "value": i} for i in items]},
        "norm": "superset",
        "warnings": [],
    }


def test_norm_superset_allows_more_and_reports_what_is_missing() -> None:
    assert compare_step("x", "s", names("a", "b", "extra"), names("a", "b")) == []
    (found,) = compare_step("x", "s", names("a"), names("a", "b"))
    assert found.ours == "'b'"


def test_private_classes_compare_by_their_own_name() -> None:
    ours = returned(None, "zmq.sugar._socket_context._SocketContext")
    assert compare_step("x", "s", ours, returned(None, "zmq.sugar.socket._SocketContext")) == []
    assert compare_step("x", "s", returned(None, "zmq.Frame"), returned(None, "zmq.Message"))


def test_signatures_refuse_only_what_pyzmq_accepts() -> None:
    pyzmq = [["self", "POSITIONAL_OR_KEYWORD", None], ["key", "POSITIONAL_OR_KEYWORD", None]]
    renamed = [["self", "POSITIONAL_OR_KEYWORD", None], ["option", "POSITIONAL_OR_KEYWORD", None]]
    assert accepts(renamed, pyzmq) == [
        "no parameter key",
        "option is required (PyZMQ has no such parameter)",
    ]
    extra_optional = [*pyzmq, ["timeout", "KEYWORD_ONLY", "None"]]
    assert accepts(extra_optional, pyzmq) == []
    positional_only = [["buf", "POSITIONAL_ONLY", None], ["nbytes", "KEYWORD_ONLY", "0"]]
    renamed_buffer = [["buffer", "POSITIONAL_OR_KEYWORD", None], ["nbytes", "KEYWORD_ONLY", "0"]]
    assert accepts(renamed_buffer, positional_only) == []
    forwarding = [["args", "VAR_POSITIONAL", None], ["kwargs", "VAR_KEYWORD", None]]
    assert accepts(renamed, forwarding) == []


def test_a_crash_on_one_side_is_reported_at_the_step_it_happened() -> None:
    steps = [{"begin": "ok"}, returned(1, "int") | {"step": "ok"}, {"begin": "boom"}]
    ours = Run(steps, "crash (SIGABRT)", "Bad file descriptor (src/signaler.cpp:184)\n")
    theirs = Run([*steps, returned(None, "NoneType") | {"step": "boom"}], None)
    (found,) = compare("x", ours, theirs)
    assert found.step == "boom"
    assert "crash" in found.ours and "signaler.cpp" in found.ours


def test_a_step_that_ran_on_one_side_only_is_reported() -> None:
    ours = Run([returned(1, "int") | {"step": "a"}])
    theirs = Run([returned(1, "int") | {"step": "a"}, returned(2, "int") | {"step": "b"}])
    (found,) = compare("x", ours, theirs)
    assert (found.step, found.kind) == ("b", "this step ran on PyZMQ only")


def test_a_hang_on_both_sides_is_the_scenarios_fault() -> None:
    steps = [{"begin": "forever"}]
    (found,) = compare(
        "x", Run(steps, "hang (killed after 5 s)"), Run(steps, "hang (killed after 5 s)")
    )
    assert found.harness and found.step == "forever"
