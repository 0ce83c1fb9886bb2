"""Connection settings for Neo4j and a driver that is known to work.

Settings are resolved in this order:

1. explicit arguments of :meth:`Settings.resolve`;
2. the variables ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
   ``NEO4J_DATABASE`` (any Neo4j 5: Docker ``neo4j:5.26``, Desktop, Aura);
3. the local development server (``swgraph neo4j start``) if it is running,
   its password read from its password file;
4. otherwise :class:`~swgraph.core.errors.Neo4jError` saying how to get one.

:func:`connect` opens a ``neo4j.Driver`` and checks it within seconds, so an
unreachable server or a wrong password is a one-line
:class:`~swgraph.core.errors.Neo4jError` rather than a hang or a traceback. The
password never appears in a message or a ``repr``.

The ``neo4j`` driver is imported only inside :func:`connect`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote

from swgraph.core.errors import InputError, Neo4jError
from swgraph.neo4j import server

if TYPE_CHECKING:  # pragma: no cover
    import neo4j

DEFAULT_USERNAME = "neo4j"
DEFAULT_TIMEOUT = 5.0
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
HOW_TO_GET_ONE = (
    "start the local one with `swgraph neo4j start`, or set NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD "
    "(e.g. for the Docker image neo4j:5.26, Neo4j Desktop or Neo4j Aura)"
)


@dataclass(frozen=True)
class Settings:
    """How to reach a Neo4j server.

    Attributes
    ----------
    uri : str
        ``bolt://host:port`` or ``neo4j://host:port`` (``+s``/``+ssc`` for TLS).
    username : str
        Usually ``neo4j``.
    password : str
        Never shown by ``repr`` or in error messages.
    database : str or None
        Database name; ``None`` means the server's default database.
    source : str
        Where the settings came from: ``"arguments"``, ``"environment"`` or
        ``"dev server"`` (for messages).

    Examples
    --------
    >>> s = Settings("bolt://127.0.0.1:7687", "neo4j", "s3cret-pass")
    >>> "s3cret" in repr(s)
    False
    >>> s.describe()
    'neo4j@bolt://127.0.0.1:7687'
    """

    uri: str
    username: str = DEFAULT_USERNAME
    password: str = field(default="", repr=False)
    database: str | None = None
    source: str = "arguments"

    def describe(self) -> str:
        """Return ``user@uri[/database]`` for messages (no password)."""
        text = f"{self.username}@{self.uri}"
        return f"{text} (database {self.database})" if self.database else text

    def with_database(self, database: str | None) -> Settings:
        """Return a copy that uses *database*."""
        return replace(self, database=database)

    @classmethod
    def resolve(
        cls,
        uri: str | None = None,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        home: str | os.PathLike | None = None,
        environ: dict[str, str] | None = None,
    ) -> Settings:
        """Resolve settings: arguments, then ``NEO4J_*`` variables, then the local dev server.

        Parameters
        ----------
        uri, username, password, database : str, optional
            Explicit values; each wins over its environment variable.
        home : path, optional
            Home of the local dev server to fall back on (default: its default home).
        environ : mapping, optional
            Environment to read instead of ``os.environ`` (for tests).

        Returns
        -------
        Settings

        Raises
        ------
        Neo4jError
            Nothing names a server, or a URI is given without a password.
        InputError
            The URI has no or an unknown scheme.
        """
        env = os.environ if environ is None else environ
        source = "arguments" if uri else "environment"
        uri = uri or env.get("NEO4J_URI") or None
        username = username or env.get("NEO4J_USERNAME") or None
        password = password if password is not None else (env.get("NEO4J_PASSWORD") or None)
        database = database or env.get("NEO4J_DATABASE") or None

        if uri is None:
            info = server.status(home)
            if info is None:
                raise Neo4jError(f"no Neo4j to connect to: {HOW_TO_GET_ONE}")
            return cls(
                uri=info.bolt_uri,
                username=username or info.username,
                password=password if password is not None else info.read_password(),
                database=database,
                source="dev server",
            )

        uri, uri_user, uri_password = split_credentials(uri)
        username = username or uri_user
        password = password if password is not None else uri_password
        _check_uri(uri)
        if password is None:
            password = _dev_server_password(uri, home)
        if password is None:
            raise Neo4jError(f"no password for Neo4j at {uri}: set NEO4J_PASSWORD (or pass one)")
        return cls(uri=uri, username=username or DEFAULT_USERNAME, password=password, database=database,
                   source=source)


_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]*@")


def strip_credentials(text: str) -> str:
    """*text* with any ``user:password@`` part of a URI in it removed.

    >>> strip_credentials("cannot reach bolt://neo4j:s3cret@db.example:7687")
    'cannot reach bolt://db.example:7687'
    """
    return _USERINFO.sub(r"\g<scheme>", str(text))


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """Split ``scheme://user:password@host`` into the URI without them, the user and the password."""
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/@\s]*)@(.*)$", uri)
    if not match:
        return uri, None, None
    user, sep, password = match.group(2).partition(":")
    return match.group(1) + match.group(3), unquote(user) or None, unquote(password) if sep else None


def _check_uri(uri: str) -> None:
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in URI_SCHEMES or not rest:
        raise InputError(f"not a Neo4j URI: {strip_credentials(uri)!r} "
                         "(expected e.g. bolt://localhost:7687 or neo4j+s://host)")


def _dev_server_password(uri: str, home) -> str | None:
    """The local dev server's password if *uri* points at it, else ``None``."""
    info = server.status(home)
    if info is not None and uri.rstrip("/") in (info.bolt_uri, f"neo4j://127.0.0.1:{info.bolt_port}"):
        return info.read_password()
    return None


def _scrub(text, settings: Settings) -> str:
    """One line of *text* without the password, whatever a library put in it."""
    text = strip_credentials(" ".join(str(text).split()))
    if settings.password:
        text = text.replace(settings.password, "***")
    return text[:300]


def _unreachable_reason(exc, settings: Settings) -> str:
    """The useful part of the driver's ServiceUnavailable text (e.g. 'Connect call failed')."""
    text = _scrub(exc, settings)
    reasons = re.findall(r"\(reason ([^()]*(?:\([^()]*\))?[^()]*)\)", text)
    return reasons[-1] if reasons else text


def connect(settings: Settings | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> neo4j.Driver:
    """Open a driver for *settings* and check that it can log in.

    Parameters
    ----------
    settings : Settings, optional
        Where to connect; default :meth:`Settings.resolve` with no arguments.
    timeout : float
        Seconds for connecting and for acquiring a connection; an unreachable
        server fails after about this long.

    Returns
    -------
    neo4j.Driver
        A verified driver; close it (or use it as a context manager).

    Raises
    ------
    Neo4jError
        Unreachable server, wrong username or password, unknown database, or
        any other refusal; one line, never containing the password.
    """
    settings = settings or Settings.resolve()
    if "@" in settings.uri.partition("://")[2].split("/", 1)[0]:
        uri, user, password = split_credentials(settings.uri)
        settings = replace(settings, uri=uri, username=settings.username or user,
                           password=settings.password or password or "")
    _check_uri(settings.uri)
    try:
        import neo4j  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it
        from neo4j import exceptions as nx  # noqa: PLC0415 - the driver costs ~1.3 s to import (-X importtime); only commands that connect pay it
    except ImportError as exc:  # pragma: no cover - neo4j is a dependency
        raise Neo4jError(f"the neo4j Python driver is not installed ({exc.name})") from None

    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
            max_transaction_retry_time=timeout,
            user_agent="swgraph",
            # the server's hints (e.g. "label does not exist" before the first load) are noise for CLI users
            notifications_min_severity="OFF",
        )
    except (nx.ConfigurationError, ValueError) as exc:
        raise InputError(f"cannot use Neo4j URI {strip_credentials(settings.uri)!r}: {_scrub(exc, settings)}") from None

    where = settings.describe()
    try:
        driver.verify_connectivity()
        if settings.database:
            driver.execute_query("RETURN 1", database_=settings.database)
    except nx.AuthError:
        driver.close()
        raise Neo4jError(
            f"Neo4j at {settings.uri} refused user {settings.username!r}: wrong username or password"
            f" (from {settings.source})"
        ) from None
    except nx.ServiceUnavailable as exc:
        driver.close()
        hint = " (is it running? `swgraph neo4j status`)" if settings.source == "dev server" else ""
        raise Neo4jError(f"cannot reach Neo4j at {settings.uri}{hint}: {_unreachable_reason(exc, settings)}") from None
    except nx.Neo4jError as exc:
        driver.close()
        code = getattr(exc, "code", None) or ""
        if code.endswith("DatabaseNotFound"):
            raise Neo4jError(f"Neo4j at {settings.uri} has no database {settings.database!r}") from None
        message = getattr(exc, "message", None) or exc
        raise Neo4jError(f"Neo4j at {where} refused the connection: {_scrub(message, settings)}") from None
    except (nx.DriverError, OSError) as exc:
        driver.close()
        raise Neo4jError(f"cannot connect to Neo4j at {where}: {_scrub(exc, settings)}") from None
    return driver
