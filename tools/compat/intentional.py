"""The differences from PyZMQ that are meant: tools/compat/intentional.toml.

Each entry names a scenario and a step (its label, or an ``fnmatch`` pattern
over labels), says why the difference is right, and points at the section of
docs/differences.rst that documents it (``docs/differences.rst#zmq-log``:
the section's id, as Sphinx makes it from its title). An entry that matches
no difference any more is reported too, so that the list stays true.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from compare import Difference

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tools run on the development environment's Python
    import tomli as tomllib

LIST = Path(__file__).resolve().parent / "intentional.toml"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "differences.rst"


@dataclass(frozen=True)
class Intentional:
    """One listed difference."""

    scenario: str
    step: str
    reason: str
    docs: str

    def matches(self, difference: Difference) -> bool:
        return (
            not difference.harness
            and difference.scenario == self.scenario
            and (difference.step == self.step or fnmatchcase(difference.step, self.step))
        )


def load(path: Path = LIST) -> list[Intentional]:
    """The entries of the list."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    return [Intentional(**entry) for entry in data.get("difference", [])]


def section_ids(rst: str) -> set[str]:
    """The ids Sphinx gives the sections of a reStructuredText page."""
    lines = rst.splitlines()
    ids = set()
    for title, underline in zip(lines, lines[1:]):
        if (
            title.strip()
            and re.fullmatch(r"([=\-~^\"'`#*+])\1{2,}", underline.strip())
            and len(underline.strip()) >= len(title.strip())
        ):
            ids.add(re.sub(r"[^a-z0-9]+", "-", title.strip().lower()).strip("-"))
    return ids


def problems(entries: list[Intentional], docs: Path = DOCS) -> list[str]:
    """What is wrong with the list itself: a reason missing, a pointer into nothing."""
    found = []
    ids = section_ids(docs.read_text())
    for entry in entries:
        if not entry.reason.strip():
            found.append(f"{entry.scenario}: {entry.step}: no reason given")
        page, _, anchor = entry.docs.partition("#")
        if page != "docs/differences.rst" or anchor not in ids:
            found.append(
                f"{entry.scenario}: {entry.step}: {entry.docs} "
                "names no section of docs/differences.rst"
            )
    return found


def split(
    differences: list[Difference], entries: list[Intentional]
) -> tuple[list[Difference], list[tuple[Difference, Intentional]], list[Intentional]]:
    """The differences not listed, those listed (with their entry), the entries unused."""
    unlisted, listed, used = [], [], set()
    for difference in differences:
        entry = next((e for e in entries if e.matches(difference)), None)
        if entry is None:
            unlisted.append(difference)
        else:
            listed.append((difference, entry))
            used.add(entry)
    return unlisted, listed, [e for e in entries if e not in used]
