"""Asking the user for a password when a tunnel needs one."""

from __future__ import annotations

import getpass
import sys


def ask_password(prompt: str) -> str | None:
    """Ask for a password on the terminal.

    Parameters
    ----------
    prompt : str
        What to show, such as ``"user@host's password: "``.

    Returns
    -------
    str or None
        The password typed, or None when the process has no terminal to ask on
        (a service, a test run, a pipe): nothing may then wait for an answer
        that never comes, and the caller raises instead.
    """
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)
