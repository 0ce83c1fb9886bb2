"""Helpers shared by CLI commands: turning library errors into click errors."""

from __future__ import annotations

import contextlib
import functools

import click
from rich.console import Console

from swgraph.core.errors import SwgraphError, ValidationFailed


def describe(exc: SwgraphError) -> str:
    """The user-facing text of an error: every problem of a failed validation, one per line."""
    if isinstance(exc, ValidationFailed):
        lines = [str(p) for p in exc.problems]
        return "\n".join(lines + [f"invalid input: {len(lines)} problem(s) (see `swgraph validate`)"])
    return str(exc)


class SwgraphClickError(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def handle_errors(func):
    """Decorator: a SwgraphError becomes a one-line (or listed) message and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SwgraphError as exc:
            raise SwgraphClickError(describe(exc), exc.exit_code) from None

    return wrapper


@contextlib.contextmanager
def errors_as_click():
    try:
        yield
    except SwgraphError as exc:
        raise SwgraphClickError(describe(exc), exc.exit_code) from None


def console(*, stderr: bool = False):
    """A rich console; when output is piped (no terminal), wide enough that tables keep one row per line."""
    out = Console(stderr=stderr)
    return out if out.is_terminal else Console(stderr=stderr, width=160)
