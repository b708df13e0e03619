"""ZPL (ZeroMQ RFC 4), the property language of czmq's certificate files: just what
certificates need, read strictly enough to report a broken file by its line."""

from __future__ import annotations

import re

_INDENT = 4
_NAME = re.compile(r"[A-Za-z0-9$\-_@.&+/]+")


def is_name(name: str) -> bool:
    """Whether ``name`` is a valid ZPL property name."""
    return _NAME.fullmatch(name) is not None


def quote(value: str) -> str:
    """``value`` quoted for a ZPL file.

    Raises
    ------
    ValueError
        If ``value`` spans lines, or holds both kinds of quote (ZPL has no escapes).
    """
    if "\n" in value or "\r" in value:
        raise ValueError(f"a ZPL value is one line: {value!r}")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    raise ValueError(f"a ZPL value cannot hold both ' and \": {value!r}")


def parse(text: str, source: str) -> dict[str, str]:
    """Read ZPL text into ``{'section/name': value}``.

    Properties without a value (sections) map to ``''``.

    Parameters
    ----------
    text : str
        The contents of a ZPL file.
    source : str
        Where the text comes from, for error messages.

    Raises
    ------
    ValueError
        For a line that is not valid ZPL, naming the line.
    """
    properties: dict[str, str] = {}
    path: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.lstrip(" ")
        if not content.strip() or content.startswith("#"):
            continue
        where = f"{source}, line {number}"
        indent = len(line) - len(content)
        if content[0].isspace():
            raise ValueError(f"{where}: indent with spaces only")
        if indent % _INDENT or indent // _INDENT > len(path):
            raise ValueError(f"{where}: unexpected indentation")
        name_match = _NAME.match(content)
        if name_match is None:
            raise ValueError(f"{where}: expected a property name")
        path[indent // _INDENT :] = [name_match.group()]
        properties["/".join(path)] = _value(content[name_match.end() :], where)
    return properties


def _value(rest: str, where: str) -> str:
    """The value after a property name (``= value``, maybe quoted, maybe a comment)."""
    rest = rest.lstrip()
    if not rest or rest.startswith("#"):
        return ""
    if not rest.startswith("="):
        raise ValueError(f"{where}: expected '=' after the property name")
    rest = rest[1:].lstrip()
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        if end < 0:
            raise ValueError(f"{where}: unterminated quoted value")
        trailing = rest[end + 1 :].strip()
        if trailing and not trailing.startswith("#"):
            raise ValueError(f"{where}: unexpected text after the quoted value")
        return rest[1:end]
    return rest.split("#", 1)[0].strip()
