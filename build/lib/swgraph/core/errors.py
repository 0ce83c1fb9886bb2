"""One error hierarchy for swgraph.

Library code raises these; only the CLI turns them into ``click.ClickException``.
"""

from __future__ import annotations


class SwgraphError(Exception):
    """Base class of every error swgraph raises on purpose (a user's mistake or environment)."""

    exit_code = 1


class InputError(SwgraphError):
    """Bad input: a file, record or argument the user gave is wrong."""

    exit_code = 2


class ValidationFailed(InputError):
    """A dataset did not validate; ``problems`` lists every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        msg = f"{len(self.problems)} validation error(s)"
        if first is not None:
            msg += f"; first: {first}"
        super().__init__(msg)


class Neo4jError(SwgraphError):
    """Neo4j could not be reached, refused us, or failed a query."""


class EnvironmentMissing(SwgraphError):
    """Something the command needs (Java, Maven, a browser) is not installed."""


from dataclasses import asdict, dataclass  # noqa: E402


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (file, line, record, field) and what."""

    file: str
    line: int | None
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field {self.field}")
        return f"{': '.join(parts)}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)
