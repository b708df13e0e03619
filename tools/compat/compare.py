"""Compare what one scenario did on this project ("ours") with real PyZMQ ("theirs").

The contract (docs/differences.rst): where PyZMQ returns, we return an equal
value of the same type; where it raises, we raise the same class or a
subclass of it; a warning PyZMQ gives, we give too (more warnings are
allowed: being stricter than PyZMQ is only ever a warning). A process that
crashes or hangs on one side only is a difference as well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Difference:
    """One step of one scenario that behaved differently on the two sides."""

    scenario: str
    step: str
    kind: str
    ours: str
    theirs: str
    harness: bool = False  # the scenario itself is wrong: never an intentional difference

    def __str__(self) -> str:
        return (
            f"[{self.scenario}] {self.step}\n    {self.kind}\n"
            f"    ours:  {self.ours}\n    PyZMQ: {self.theirs}"
        )


@dataclass
class Run:
    """What one interpreter did with one scenario."""

    records: list[dict[str, Any]] = field(default_factory=list)
    # how the process ended: None when it exited normally, else "crash (SIGABRT)",
    # "hang (killed after 30 s)", "exit status 1"
    ending: str | None = None
    stderr: str = ""

    @property
    def steps(self) -> dict[str, dict[str, Any]]:
        return {r["step"]: r for r in self.records if "step" in r}

    @property
    def order(self) -> list[str]:
        return [r["step"] for r in self.records if "step" in r]

    @property
    def last_begun(self) -> str | None:
        begun = [r["begin"] for r in self.records if "begin" in r]
        return begun[-1] if begun else None

    @property
    def scenario_error(self) -> str | None:
        errors = [r["scenario_error"] for r in self.records if "scenario_error" in r]
        return errors[0] if errors else None


def same_class(ours: str, theirs: str) -> bool:
    """Whether two class names (recorder.class_name) name the same class.

    A class only reachable through a private module (``zmq.backend.cython._zmq.Frame``)
    is compared by its own name: where it is defined is not part of the API.
    """
    if ours == theirs:
        return True
    private = any(part.startswith("_") for part in ours.split(".")[:-1] + theirs.split(".")[:-1])
    return private and ours.rsplit(".", 1)[-1] == theirs.rsplit(".", 1)[-1]


def same_value(ours: Any, theirs: Any) -> bool:
    """Whether two value descriptions (recorder.describe) are equal, type included."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        if set(ours) != set(theirs):
            return False
        for key in ours:
            if key == "type" or key == "mro":
                names_ours = ours[key] if key == "mro" else [ours[key]]
                names_theirs = theirs[key] if key == "mro" else [theirs[key]]
                if len(names_ours) != len(names_theirs) or not all(
                    same_class(a, b) for a, b in zip(names_ours, names_theirs)
                ):
                    return False
            elif not same_value(ours[key], theirs[key]):
                return False
        return True
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(same_value(a, b) for a, b in zip(ours, theirs))
    return bool(ours == theirs and type(ours) is type(theirs))


def show_value(description: dict[str, Any], limit: int = 240) -> str:
    """A description, short enough for a report line."""
    text = json.dumps(description, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def show(record: dict[str, Any]) -> str:
    """What a step did, for a report line."""
    warned = "".join(f" (warns {w['type']})" for w in record.get("warnings", []))
    if record["outcome"] == "raise":
        error = record["error"]
        errno = f" errno {error['errno']}" if error.get("errno") is not None else ""
        return f"raises {error['type']}{errno}: {error['message'][:200]}{warned}"
    return f"returns {show_value(record['value'])}{warned}"


def plain(description: Any) -> Any:
    """A value description as the value it describes, for a report line."""
    if not isinstance(description, dict):
        return description
    if description["type"] == "NoneType":
        return None
    if "items" in description:
        items = description["items"]
        if description["type"] == "dict":
            keys = [plain(k) for k, _ in items]
            return {
                k if isinstance(k, str) else json.dumps(k): plain(v)
                for k, (_, v) in zip(keys, items)
            }
        return [plain(item) for item in items]
    if "value" in description:
        return description["value"]
    return f"<{description['type']}{' ' + description['ref'] if 'ref' in description else ''}>"


def missing_items(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """For ``norm="superset"``: what PyZMQ's collection has that ours lacks or changes.

    For a dict, a key ours lacks, or has with another value; for a list or
    set, an item ours lacks.
    """
    if theirs["type"] == "dict":
        ours_pairs = {json.dumps(k, sort_keys=True): v for k, v in ours.get("items", [])}
        found = []
        for key, value in theirs.get("items", []):
            mine = ours_pairs.get(json.dumps(key, sort_keys=True))
            if mine is None:
                found.append(f"{plain(key)!r} (missing)")
            elif not same_value(mine, value):
                found.append(f"{plain(key)!r}: ours {plain(mine)!r}, PyZMQ {plain(value)!r}")
        return found
    ours_items = [json.dumps(item, sort_keys=True) for item in ours.get("items", [])]
    return [
        repr(plain(item))
        for item in theirs.get("items", [])
        if json.dumps(item, sort_keys=True) not in ours_items
    ]


def accepts(ours: list[list[Any]], theirs: list[list[Any]]) -> list[str]:
    """Why a signature (``[name, kind, default]`` per parameter) refuses calls PyZMQ's accepts.

    Every named parameter of PyZMQ's must exist in ours with the same name
    (at the same position, if it can be passed by position), and have a
    default if PyZMQ's has one; a parameter only ours has needs a default.
    A PyZMQ signature of ``*args, **kwargs`` forwards to another one and says
    nothing; its ``*args`` or ``**kwargs`` beside named parameters are not
    compared either, for the same reason.
    """
    # how a method receives its instance is nobody's business
    ours = [p for p in ours if p[0] != "self"]
    theirs = [p for p in theirs if p[0] != "self"]
    their_kinds = {p[1] for p in theirs}
    if {"VAR_POSITIONAL", "VAR_KEYWORD"} <= their_kinds:
        return []
    problems = []
    mine = {p[0]: (i, p) for i, p in enumerate(ours)}
    my_kinds = {p[1] for p in ours}
    positional = ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")
    # ours' parameters that take a positional-only one of PyZMQ's: their names do not matter
    taken = set()
    for index, (name, kind, default) in enumerate(theirs):
        if kind in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            continue
        if name not in mine:
            by_position = (
                kind == "POSITIONAL_ONLY" and index < len(ours) and ours[index][1] in positional
            )
            if by_position:
                taken.add(ours[index][0])
            by_keyword = kind == "KEYWORD_ONLY" and "VAR_KEYWORD" in my_kinds
            if not (by_position or by_keyword):
                problems.append(f"no parameter {name}")
            continue
        position, (_, my_kind, my_default) = mine[name]
        if kind in positional and (my_kind not in positional or position != index):
            problems.append(f"{name} is not positional at {index}")
        if kind != "POSITIONAL_ONLY" and my_kind == "POSITIONAL_ONLY":
            problems.append(f"{name} is positional-only")
        if default is not None and my_default is None:
            problems.append(f"{name} is required (PyZMQ: defaults to {default})")
    if their_kinds & {"VAR_POSITIONAL", "VAR_KEYWORD"}:
        return problems
    known = {p[0] for p in theirs} | taken
    for name, kind, default in ours:
        if name not in known and default is None and kind not in ("VAR_POSITIONAL", "VAR_KEYWORD"):
            problems.append(f"{name} is required (PyZMQ has no such parameter)")
    return problems


def signature_problems(ours: Any, theirs: Any) -> list[str]:
    """For ``norm="signatures"``: why callables (name -> parameters) refuse calls."""
    problems = []
    for name, params in theirs.items():
        if name not in ours:
            problems.append(f"{name}: missing")
        elif params is not None and ours[name] is not None:
            problems.extend(f"{name}: {problem}" for problem in accepts(ours[name], params))
    return problems


def compare_step(
    scenario: str, step: str, ours: dict[str, Any], theirs: dict[str, Any]
) -> list[Difference]:
    """The differences of one step recorded on both sides."""

    def diff(kind: str, harness: bool = False) -> Difference:
        return Difference(scenario, step, kind, show(ours), show(theirs), harness)

    found = []
    if "harness_error" in ours and "harness_error" in theirs:
        return [diff("the step's code is wrong (NameError or SyntaxError)", harness=True)]
    if "harness_error" in ours or "harness_error" in theirs:
        # a name an earlier step bound on one side only: that step's difference is reported
        return []
    if theirs["outcome"] == "raise" and ours["outcome"] == "raise":
        if not any(same_class(name, theirs["error"]["type"]) for name in ours["error"]["mro"]):
            found.append(diff("raises another exception class (neither the same nor a subclass)"))
    elif theirs["outcome"] == "raise":
        found.append(diff("returns where PyZMQ raises"))
    elif ours["outcome"] == "raise":
        found.append(diff("raises where PyZMQ returns"))
    else:
        norm = theirs.get("norm")
        if norm == "type":
            if not same_class(ours["value"]["type"], theirs["value"]["type"]):
                found.append(diff("returns another type"))
        elif norm == "superset":
            if not same_class(ours["value"]["type"], theirs["value"]["type"]):
                found.append(diff("returns another type"))
            else:
                missing = missing_items(ours["value"], theirs["value"])
                if missing:
                    found.append(
                        Difference(
                            scenario,
                            step,
                            f"lacks or changes {len(missing)} item(s) of PyZMQ's",
                            "; ".join(missing),
                            "(as listed)",
                        )
                    )
        elif norm == "signatures":
            problems = signature_problems(plain(ours["value"]), plain(theirs["value"]))
            if problems:
                found.append(
                    Difference(
                        scenario,
                        step,
                        f"{len(problems)} signature(s) refuse calls PyZMQ's accept",
                        "; ".join(problems),
                        "(as listed)",
                    )
                )
        elif not same_value(ours["value"], theirs["value"]):
            kind = (
                "returns another type"
                if not same_class(ours["value"]["type"], theirs["value"]["type"])
                else "returns another value"
            )
            found.append(diff(kind))
    for warning in theirs.get("warnings", []):
        if not any(
            any(same_class(name, warning["type"]) for name in w["mro"])
            for w in ours.get("warnings", [])
        ):
            found.append(diff(f"does not warn {warning['type']} as PyZMQ does"))
    return found


def compare(scenario: str, ours: Run, theirs: Run) -> list[Difference]:
    """Every difference between two runs of one scenario, step by step."""
    found: list[Difference] = []
    ours_steps, theirs_steps = ours.steps, theirs.steps
    for step in theirs.order:
        if step in ours_steps:
            found.extend(compare_step(scenario, step, ours_steps[step], theirs_steps[step]))
    for side, run, other in (("ours", ours, theirs), ("PyZMQ", theirs, ours)):
        if run.ending is not None and run.ending != other.ending:
            where = run.last_begun or "(before the first step)"
            tail = run.stderr.strip().splitlines()[-3:]
            text = f"{run.ending} during this step; stderr: {' | '.join(tail)}"
            found.append(
                Difference(
                    scenario,
                    where,
                    f"the process ends differently ({side} {run.ending.split(' ')[0]}es)"
                    if run.ending.startswith(("crash", "hang"))
                    else "the process ends differently",
                    text if side == "ours" else f"ends normally ({len(ours.order)} steps)",
                    text if side == "PyZMQ" else f"ends normally ({len(theirs.order)} steps)",
                )
            )
    if ours.ending is not None and ours.ending == theirs.ending:
        found.append(
            Difference(
                scenario,
                ours.last_begun or "(before the first step)",
                f"the scenario ends in a {ours.ending.split(' ')[0]} on both sides: "
                "what follows this step is never compared",
                ours.ending,
                theirs.ending,
                harness=True,
            )
        )
    crashed = ours.ending is not None or theirs.ending is not None
    if not crashed:
        only_theirs = [s for s in theirs.order if s not in ours_steps]
        only_ours = [s for s in ours.order if s not in theirs_steps]
        for step in only_theirs:
            found.append(
                Difference(
                    scenario,
                    step,
                    "this step ran on PyZMQ only",
                    "(not run)",
                    show(theirs_steps[step]),
                )
            )
        for step in only_ours:
            found.append(
                Difference(
                    scenario,
                    step,
                    "this step ran on ours only",
                    show(ours_steps[step]),
                    "(not run)",
                )
            )
    if ours.scenario_error or theirs.scenario_error:
        both = bool(ours.scenario_error and theirs.scenario_error)
        found.append(
            Difference(
                scenario,
                "(scenario body)",
                "the scenario itself failed on both sides"
                if both
                else "the scenario failed outside a step",
                (ours.scenario_error or "ok").strip().splitlines()[-1],
                (theirs.scenario_error or "ok").strip().splitlines()[-1],
                harness=both,
            )
        )
    return found
