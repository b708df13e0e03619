"""Asking the user for a password when a tunnel needs one."""

from __future__ import annotations

import getpass


def ask_password(prompt: str) -> str:
    """Ask for a password as PyZMQ did, with :func:`getpass.getpass`.

    It asks on the process's terminal; without one, it reads a line from
    stdin (with a warning from getpass).

    Parameters
    ----------
    prompt : str
        What to show, such as ``"user@host's password: "``.

    Returns
    -------
    str
        The password.

    Raises
    ------
    EOFError
        If there is no terminal, and stdin is at its end (a service, a
        test run): as from getpass, with a message that says what to do.
    """
    try:
        return getpass.getpass(prompt)
    except EOFError as error:
        raise EOFError(
            f"{prompt.strip()} was asked, and no password could be read: there is no "
            "terminal and stdin is at its end (pass password=...)"
        ) from error
