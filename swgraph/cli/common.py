"""Helpers shared by CLI commands: turning library errors into click errors."""

from __future__ import annotations

import contextlib
import functools
import json
import re
from typing import Callable

import click
from rich.console import Console

from swgraph.core.errors import SwgraphError, ValidationFailed
from swgraph.core.model import When
from swgraph.records.dataset import Dataset, load_dataset

#: the data commands' shared argument and option
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=str))
FORMAT_TEXT_JSON = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def dump_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))

#: a value of a date-or-dataset option that is a date (anything else is a path)
DATE_FORM = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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


def check_date(option: str, value: str | None) -> None:
    """A bad ``--as-of``-style date is exit 2 with the option named."""
    if value:
        try:
            When.parse(value)
        except ValueError:
            raise SwgraphClickError(f"{option} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD", 2) from None


def date_or_dataset(option: str, spec: str | None, base: Callable[[], Dataset]) -> Dataset:
    """``--compare``-style values: a date is ``base()`` as it stood then; anything else a dataset path; None ``base()``.

    ``base`` gives the data dates refer to: the dataset the command already
    read (so it is not read twice, and ``--from neo4j`` compares with itself).
    """
    if spec is None:
        return base()
    if DATE_FORM.match(spec):
        check_date(option, spec)
        return base().as_of(spec)
    return load_dataset([spec])
