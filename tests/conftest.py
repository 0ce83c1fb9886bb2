"""Fixtures shared by the whole test suite.

Sections (add new ones as their own block, with a comment header):

* Record cache - the session reads and writes it in a temporary folder, never the user's.
* Neo4j - one real Neo4j per test session, for tests marked ``neo4j``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from .helpers import skip_or_fail


def pytest_configure(config):
    # Declared in pyproject too; registering here keeps --strict-markers happy if that list changes.
    if not any(line.startswith("neo4j:") for line in config.getini("markers")):
        config.addinivalue_line("markers", "neo4j: needs a real Neo4j server")


# ----------------------------------------------------------------------------- record cache

_CACHE_DIR = tempfile.mkdtemp(prefix="swgraph-test-cache-")
os.environ["SWGRAPH_CACHE_DIR"] = _CACHE_DIR  # at import: CLI runs, subprocesses and notebook kernels inherit it


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


# ----------------------------------------------------------------------------- Neo4j
#
# The session always starts its own local Neo4j in a temporary home (never the
# user's dev server, whatever NEO4J_URI says) and stops it at the end; tests that
# restart or kill a server start a separate one in their own home.


@pytest.fixture(scope="session")
def neo4j_runtime():
    """Java 17/21 and (cached jars or Maven) are present, so a local Neo4j can start."""
    from swgraph.neo4j import server

    if server.find_java() is None:
        skip_or_fail("the local Neo4j needs a Java 17 or 21 JDK (apt install openjdk-17-jdk-headless)")
    if not server.jars_cached() and server.find_maven() is None:
        skip_or_fail("the local Neo4j needs Maven for its first download (apt install maven)")


@pytest.fixture(scope="session")
def neo4j_server(request, tmp_path_factory):
    """The session's local Neo4j (:class:`swgraph.neo4j.server.ServerInfo`), started whatever NEO4J_URI says."""
    request.getfixturevalue("neo4j_runtime")
    from swgraph.core.errors import EnvironmentMissing
    from swgraph.neo4j import server

    home = tmp_path_factory.mktemp("neo4j-home")
    try:
        info = server.start(home=home, stop_with_parent=True)
    except EnvironmentMissing as exc:
        skip_or_fail(str(exc))
    try:
        yield info
    finally:
        server.stop(home)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server):
    """Connection :class:`~swgraph.neo4j.connection.Settings` for the session's Neo4j."""
    from swgraph.neo4j.connection import Settings

    return Settings(uri=neo4j_server.bolt_uri, username=neo4j_server.username,
                    password=neo4j_server.read_password(), source="test server")


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    """A verified ``neo4j.Driver`` for the session's Neo4j, closed at the end."""
    from swgraph.neo4j.connection import connect

    driver = connect(neo4j_settings)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_env(monkeypatch, neo4j_settings):
    """``NEO4J_*`` variables naming the session's Neo4j, for CLI runs and notebook kernels (which inherit them)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database or "")
    return neo4j_settings
