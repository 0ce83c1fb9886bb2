"""The dev server's password: one line in a 0600 file, never on a command line, never printed.

:func:`write_private` is the one writer in swgraph that does not go through
:mod:`swgraph.core.io`: ``atomic_write`` makes its files 0644 before the
rename, and a secret must not be readable by others even for that moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from swgraph.core.errors import InputError
from swgraph.core.io import atomic_write

PASSWORD_FILE = "password"
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length


def read_password_file(path: str | os.PathLike) -> str:
    """Return the password on the first line of *path* (surrounding whitespace removed).

    Raises
    ------
    InputError
        The file cannot be read or its first line is empty.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read password file {path}: {exc.strerror or exc}") from None
    password = (text.splitlines() or [""])[0].strip()
    if not password:
        raise InputError(f"password file {path} is empty")
    return password


def check_password(password: str) -> None:
    """Refuse a password Neo4j would refuse, or one that does not fit on one line of a file.

    Raises
    ------
    InputError
        Shorter than :data:`MIN_PASSWORD_LENGTH`, or with line breaks or surrounding spaces.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"the Neo4j password must have at least {MIN_PASSWORD_LENGTH} characters")
    if any(ch in password for ch in "\r\n") or password != password.strip():
        raise InputError("the Neo4j password must be one line without leading or trailing spaces")


def write_private(path: Path, text: str) -> None:
    """Write *text* to *path* with mode 0600, whole or not at all, never readable by others even briefly
    (``mkstemp`` creates the temporary file 0600)."""
    with atomic_write(path, file_mode=0o600) as handle:
        handle.write(text)


def ensure_password_file(home: Path, password: str | None) -> Path:
    """Make ``<home>/password`` hold *password* (default: the one there, else a new random one).

    Returns the file's path; its mode is 0600. The password itself is not returned.
    """
    password_file = home / PASSWORD_FILE
    if password is None:
        if password_file.is_file():
            password = read_password_file(password_file)
            check_password(password)
            os.chmod(password_file, 0o600)
        else:
            password = secrets.token_urlsafe(24)
    if not password_file.is_file() or read_password_file(password_file) != password:
        write_private(password_file, password + "\n")
    with contextlib.suppress(OSError):
        os.chmod(password_file, 0o600)
    return password_file
