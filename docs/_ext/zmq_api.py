"""Sphinx extension: one API reference page per module of every distribution.

The modules are found by walking ``packages/*/src/zmq``, so a module added
later gets its page without anyone editing an index. Private modules (a
leading underscore) are skipped, except those that define a class that a
public module exports in ``__all__``: users meet these classes under the
private module's name (in reprs and tracebacks, and in ``cimport`` lines for
the compiled core).

An object is documented once, under the shortest public name that offers it
(``zmq.Context`` rather than ``zmq.sugar.context.Context``); the other modules
that offer it link there. A public class that no public module offers is
documented in the private module that defines it. A name is offered by a module when it is in the
module's ``__all__`` (or, without ``__all__``, defined there). Module-level
data is documented only where a ``#:`` comment documents it.

The pages are written to ``docs/api/`` when the build starts, with the list
of the distributions' changelogs that ``changelog.rst`` includes (in
``docs/_generated/``); both folders are generated, not kept in git.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = "api"
#: included by changelog.rst; not a page of its own (Sphinx reads only .rst and .md)
CHANGELOGS = Path("_generated/changelogs.rst.inc")
KINDS = ("Classes", "Enums", "Exceptions", "Functions", "Data")


@dataclass
class Module:
    """A module of one of the distributions, and what its page shows."""

    name: str
    distribution: str
    module: ModuleType
    #: kind -> names documented in full on this page
    documented: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})
    #: names offered here but documented elsewhere: name -> (role, full target)
    elsewhere: dict[str, tuple[str, str]] = field(default_factory=dict)


def _is_private(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("."))


def discover(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every module under ``packages/*/src/zmq``, as (distribution, module name)."""
    found = []
    for src in sorted(root.glob("packages/*/src")):
        for path in sorted(src.glob("zmq/**/*")):
            if path.suffix not in (".py", ".pyx") or path.stem == "__main__":
                continue
            parts = list(path.relative_to(src).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((src.parent.name, ".".join(parts)))
    return found


def _offered(module: ModuleType) -> dict[str, Any]:
    """The names a module offers: its ``__all__``, or what it defines itself."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
        ]
    return {name: getattr(module, name) for name in names if hasattr(module, name)}


def _kind(value: Any) -> str | None:
    if inspect.ismodule(value):
        return None
    if inspect.isclass(value):
        if issubclass(value, BaseException):
            return "Exceptions"
        if issubclass(value, enum.Enum):
            return "Enums"
        return "Classes"
    if callable(value):
        return "Functions"
    return "Data"


def _role(kind: str) -> str:
    return {"Exceptions": "exc", "Functions": "func", "Data": "data"}.get(kind, "class")


def _documented_data(module: ModuleType) -> set[str]:
    """Module-level names that a ``#:`` comment (or a docstring after them) documents."""
    try:
        analyzer = ModuleAnalyzer.for_module(module.__name__)
        analyzer.analyze()
    except Exception:  # compiled modules have no source to analyse
        return set()
    return {name for (scope, name) in analyzer.attr_docs if scope == ""}


def _is_ours(value: Any) -> bool:
    """Whether zmq defines it (``zmq.constants`` re-exports ``enum.IntEnum``,
    ``zmq.eventloop`` tornado's ``IOLoop``: those are documented by their owners)."""
    return str(getattr(value, "__module__", "")).startswith("zmq")


def _has_own_doc(value: Any) -> bool:
    return bool(getattr(value, "__doc__", None))


def collect(root: Path = ROOT) -> list[Module]:
    """Import every public module (and the private ones users meet) and plan its page."""
    imported = {}
    for distribution, name in discover(root):
        try:
            imported[name] = (distribution, importlib.import_module(name))
        except ImportError as error:
            # a page left out would go unnoticed: stop instead
            raise ExtensionError(
                f"cannot import {name} to document it ({error}); the documentation "
                "needs every optional dependency installed (tools/setup does it)"
            ) from error
    public = {name: entry for name, entry in imported.items() if not _is_private(name)}

    # the shortest public name of every object offered by a public module
    home: dict[int, tuple[str, str]] = {}
    for modname, (_, module) in public.items():
        for name, value in _offered(module).items():
            kind = _kind(value)
            if kind in (None, "Data") or not _is_ours(value):
                continue
            if f"{modname}.{name}" in imported:
                # the name is also a submodule's (zmq.green.device): describe
                # the object in that module, not under the clashing name
                continue
            candidate = (modname, name)
            current = home.get(id(value))
            if current is None or _rank(candidate, value) < _rank(current, value):
                home[id(value)] = candidate

    exported_classes = {
        id(value) for value in (v for _, m in public.values() for v in _offered(m).values())
    }
    pages = []
    for modname, (distribution, module) in imported.items():
        if _is_private(modname) and not any(
            inspect.isclass(value)
            and value.__module__ == modname
            and not name.startswith("_")
            and id(value) in exported_classes
            for name, value in vars(module).items()
        ):
            continue
        page = Module(modname, distribution, module)
        documented_data = _documented_data(module)
        offered = (
            _offered(module)
            if not _is_private(modname)
            else {
                name: value
                for name, value in vars(module).items()
                if not name.startswith("_")
                and getattr(value, "__module__", None) == modname
                and (id(value) in home or inspect.isclass(value))
            }
        )
        for name, value in offered.items():
            kind = _kind(value)
            if kind is None:
                continue
            if kind == "Data":
                if name in documented_data:
                    page.documented[kind].append(name)
                continue
            target = home.get(id(value))
            if target == (modname, name) and _has_own_doc(value):
                page.documented[kind].append(name)
            elif target is not None and target != (modname, name):
                page.elsewhere[name] = (_role(kind), f"{target[0]}.{target[1]}")
            elif target is None and _is_private(modname) and _has_own_doc(value):
                # a public class that only this private module offers
                # (zmq.ssh.tunnel.SSHException without paramiko)
                page.documented[kind].append(name)
        pages.append(page)
    return pages


def _rank(candidate: tuple[str, str], value: Any) -> tuple[int, bool, str, str]:
    """Shorter module paths first; then the object's own name over an alias."""
    modname, name = candidate
    return (modname.count("."), name != getattr(value, "__name__", name), modname, name)


def _foreign_bases(cls: type) -> list[str]:
    """Names of the classes in ``cls``'s MRO that are not zmq's: their members are
    not documented (``Exception.args``, ``Thread.start``, ``int.bit_length``...)."""
    return sorted(
        {base.__name__ for base in cls.__mro__[1:] if not base.__module__.startswith("zmq")}
    )


def render(page: Module) -> str:
    """The reStructuredText of one module's page."""
    title = f"``{page.name}``"
    lines = [
        f".. This page is generated by docs/_ext/{Path(__file__).name}: edit the docstrings.",
        "",
        title,
        "=" * len(title),
        "",
        f"Part of the **{page.distribution}** distribution.",
        "",
        f".. automodule:: {page.name}",
        "",
    ]
    for kind in KINDS:
        names = sorted(page.documented[kind], key=str.lower)
        if not names:
            continue
        lines += [f".. rubric:: {kind}", ""]
        for name in names:
            full = f"{page.name}.{name}"
            if kind == "Data":
                lines += [f".. autodata:: {full}", "   :no-value:", ""]
            elif kind == "Functions":
                lines += [f".. autofunction:: {full}", ""]
            else:
                directive = "autoexception" if kind == "Exceptions" else "autoclass"
                value = getattr(page.module, name)
                lines += [f".. {directive}:: {full}", "   :members:", "   :show-inheritance:"]
                foreign = _foreign_bases(value)
                if foreign:
                    lines.append(f"   :inherited-members: {', '.join(foreign)}")
                if kind == "Enums":
                    # members in the order of their values, as zmq.h has them
                    lines += ["   :undoc-members:", "   :member-order: bysource"]
                lines.append("")
                aliases = _aliases(value)
                if aliases:
                    lines += [f"Other names in ``{name}``:", ""]
                    lines += [f"- ``{alias}``: :meth:`{full}.{of}`" for alias, of in aliases]
                    lines.append("")
    if page.elsewhere:
        lines += [".. rubric:: Documented elsewhere", ""]
        lines += [
            f"- ``{name}``: :py:{role}:`{target}`"
            for name, (role, target) in sorted(page.elsewhere.items(), key=lambda i: i[0].lower())
        ]
        lines.append("")
    return "\n".join(lines)


def render_index(pages: list[Module]) -> str:
    lines = [
        f".. This page is generated by docs/_ext/{Path(__file__).name}.",
        "",
        "API reference",
        "=============",
        "",
        "One page per module, grouped by the distribution that installs it. Each",
        "object is described under its shortest public name (``zmq.Socket``); the",
        "other modules that offer it link there.",
        "",
    ]
    by_distribution: dict[str, list[str]] = {}
    for page in pages:
        by_distribution.setdefault(page.distribution, []).append(page.name)
    order = sorted(by_distribution, key=lambda d: (d != "pyzmq-core", d))
    for distribution in order:
        lines += [distribution, "-" * len(distribution), "", ".. toctree::", "   :maxdepth: 1", ""]
        lines += [f"   {name}" for name in sorted(by_distribution[distribution])]
        lines.append("")
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    # rewriting an unchanged page would make Sphinx read it again
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def render_changelogs(srcdir: Path, root: Path = ROOT) -> str:
    """Include directives for every distribution's CHANGELOG.md, the core's first."""
    changelogs = sorted(
        root.glob("packages/*/CHANGELOG.md"), key=lambda p: (p.parent.name != "pyzmq-core", p)
    )
    lines = []
    for path in changelogs:
        # a leading "/" is the source directory, wherever the including page is
        relative = Path(os.path.relpath(path, srcdir)).as_posix()
        lines += [f".. include:: /{relative}", "   :parser: myst_parser.sphinx_", ""]
    return "\n".join(lines)


def generate(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    (srcdir / CHANGELOGS).parent.mkdir(exist_ok=True)
    _write(srcdir / CHANGELOGS, render_changelogs(srcdir))
    out = srcdir / OUTPUT
    out.mkdir(exist_ok=True)
    pages = collect()
    wanted = {f"{page.name}.rst" for page in pages} | {"index.rst"}
    for stale in out.glob("*.rst"):
        if stale.name not in wanted:
            stale.unlink()
    for page in pages:
        _write(out / f"{page.name}.rst", render(page))
    _write(out / "index.rst", render_index(pages))
    logger.info("zmq_api: %d module pages in %s/", len(pages), OUTPUT)


def _is_alias(name: str, value: Any) -> bool:
    """Whether a class's method is another name of one (``send_unicode = send_string``)."""
    return callable(value) and getattr(value, "__name__", name) not in (name, "<lambda>")


def _aliases(cls: type) -> list[tuple[str, str]]:
    """The (alias, method name) pairs of a class, listed under it instead of documented."""
    return sorted(
        (name, value.__name__)
        for name in dir(cls)
        if not name.startswith("_")
        and _is_alias(name, value := getattr(cls, name, None))
        and hasattr(cls, value.__name__)
    )


def skip_member(
    app: Sphinx, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """Leave out the socket options that Socket offers as attributes (``s.linger``:
    hundreds of them, described once in the class's notes) and the other names of
    methods (listed under the class)."""
    if type(obj).__name__ == "_SocketOptionAttribute":
        return True
    if what in ("class", "exception") and _is_alias(name, obj):
        return True
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", generate)
    app.connect("autodoc-skip-member", skip_member)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
