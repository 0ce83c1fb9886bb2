"""Connection settings (arguments > NEO4J_* > local dev server) and verified drivers."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys

import pytest

from swgraph.core.errors import InputError, Neo4jError
from swgraph.neo4j.connection import Settings, connect

ENV = {"NEO4J_URI": "bolt://db.example:7687", "NEO4J_USERNAME": "alice", "NEO4J_PASSWORD": "env-secret-pw",
       "NEO4J_DATABASE": "graph"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ----------------------------------------------------------------------------- resolution


def test_environment_is_used():
    s = Settings.resolve(environ=ENV)
    assert (s.uri, s.username, s.password, s.database, s.source) == (
        "bolt://db.example:7687", "alice", "env-secret-pw", "graph", "environment")


def test_arguments_win_over_environment():
    s = Settings.resolve("neo4j+s://other:7687", "bob", "arg-secret-pw", "neo4j", environ=ENV)
    assert (s.uri, s.username, s.password, s.database, s.source) == (
        "neo4j+s://other:7687", "bob", "arg-secret-pw", "neo4j", "arguments")


def test_username_defaults_to_neo4j():
    s = Settings.resolve(environ={"NEO4J_URI": "bolt://h:7687", "NEO4J_PASSWORD": "pw-123456"})
    assert s.username == "neo4j" and s.database is None


def test_nothing_configured_says_what_to_do(tmp_path):
    with pytest.raises(Neo4jError) as err:
        Settings.resolve(home=tmp_path, environ={})
    assert "swgraph neo4j start" in str(err.value) and "NEO4J_URI" in str(err.value)


def test_uri_without_password_is_an_error(tmp_path):
    with pytest.raises(Neo4jError, match="NEO4J_PASSWORD"):
        Settings.resolve(home=tmp_path, environ={"NEO4J_URI": "bolt://h:7687"})


@pytest.mark.parametrize("uri", ["localhost:7687", "http://localhost:7474", "bolt://"])
def test_bad_uri_is_an_input_error(uri):
    with pytest.raises(InputError, match="not a Neo4j URI"):
        Settings.resolve(uri, password="whatever-pw", environ={})


def test_password_is_not_in_repr():
    s = Settings.resolve(environ=ENV)
    assert "env-secret-pw" not in repr(s) and "env-secret-pw" not in s.describe()


def test_importing_swgraph_neo4j_does_not_import_the_driver():
    code = ("import sys, swgraph.neo4j, swgraph.neo4j.server, swgraph.neo4j.connection, swgraph.cli.neo4j; "
            "assert 'neo4j' not in sys.modules, 'driver imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unreachable_port_fails_fast():
    port = free_port()  # nothing listens there
    s = Settings(f"bolt://127.0.0.1:{port}", "neo4j", "secret-pw-1234")
    with pytest.raises(Neo4jError) as err:
        connect(s, timeout=3)
    message = str(err.value)
    assert message.startswith(f"cannot reach Neo4j at bolt://127.0.0.1:{port}")
    assert "\n" not in message and "secret-pw-1234" not in message


@pytest.fixture
def driver_config(monkeypatch):
    """The keyword settings of every ``neo4j.GraphDatabase.driver`` call the test makes (the driver still runs)."""
    import neo4j

    seen = {}
    real = neo4j.GraphDatabase.driver

    def spy(uri, **config):
        seen.update(config)
        return real(uri, **config)

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", spy)
    return seen


def test_silent_server_times_out(driver_config):
    """A port that accepts TCP but never speaks Bolt: the error comes by the driver's timeouts, set to ours."""
    seen = driver_config
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with pytest.raises(Neo4jError, match="cannot reach Neo4j"):
            connect(Settings(f"bolt://127.0.0.1:{port}", "neo4j", "secret-pw-1234"), timeout=1)
    assert seen["connection_timeout"] == 1 and seen["connection_acquisition_timeout"] == 1


def test_credentials_in_the_uri_never_reach_a_message():
    port = free_port()
    s = Settings.resolve(environ={"NEO4J_URI": f"bolt://neo4j:uri-SECRET-pw@127.0.0.1:{port}"})
    assert s.uri == f"bolt://127.0.0.1:{port}" and s.password == "uri-SECRET-pw" and s.username == "neo4j"
    assert "uri-SECRET-pw" not in repr(s) and "uri-SECRET-pw" not in s.describe()
    with pytest.raises(Neo4jError) as err:
        connect(Settings(f"bolt://neo4j:uri-SECRET-pw@127.0.0.1:{port}", "neo4j", ""), timeout=2)
    assert "uri-SECRET-pw" not in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(InputError) as bad:
        Settings.resolve(environ={"NEO4J_URI": "http://neo4j:uri-SECRET-pw@h:7474"})
    assert "uri-SECRET-pw" not in str(bad.value)


# ----------------------------------------------------------------------------- a real server


@pytest.mark.neo4j
def test_round_trip(neo4j_driver, neo4j_settings):
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one", database_=neo4j_settings.database)
    assert records[0]["one"] == 1


@pytest.mark.neo4j
def test_wrong_password_fails_fast_without_leaking(neo4j_settings):
    wrong = "definitely-not-the-password"
    with pytest.raises(Neo4jError) as err:
        connect(dataclasses.replace(neo4j_settings, password=wrong))
    message = str(err.value)
    assert "wrong username or password" in message
    assert wrong not in message and neo4j_settings.password not in message and "\n" not in message


@pytest.mark.neo4j
def test_unknown_database_is_named(neo4j_settings):
    with pytest.raises(Neo4jError, match="no database 'no-such-db'") as err:
        connect(neo4j_settings.with_database("no-such-db"))
    assert "\n" not in str(err.value) and neo4j_settings.password not in str(err.value)


def test_every_connection_gives_up_within_ten_seconds(driver_config):
    """No wall clock: the driver's own timeouts (connect, acquire, retry) are what bound a failure, and they are set."""
    from swgraph.neo4j.connection import DEFAULT_TIMEOUT

    seen = driver_config
    with pytest.raises(Neo4jError, match="cannot reach Neo4j"):
        connect(Settings(f"bolt://127.0.0.1:{free_port()}", "neo4j", "secret-pw-1234"))
    assert 0 < DEFAULT_TIMEOUT <= 10
    for key in ("connection_timeout", "connection_acquisition_timeout", "max_transaction_retry_time"):
        assert seen[key] == DEFAULT_TIMEOUT, key


@pytest.mark.neo4j
@pytest.mark.parametrize("case", ["wrong password", "unreachable", "no database"])
def test_load_command_names_the_connection_problem_in_one_line(case, neo4j_settings, monkeypatch):
    """`swgraph load` against a wrong password, a port where nothing listens, a database that does not exist:
    exit 1 or more with one line naming the problem, no traceback, and neither password in the output."""
    from click.testing import CliRunner

    from swgraph.cli.load import load_cmd

    wrong = "wrong-pw-never-shown"
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USERNAME": neo4j_settings.username,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": ""}
    expected = {"wrong password": "wrong username or password", "unreachable": "cannot reach Neo4j at",
                "no database": "has no database 'no-such-db'"}[case]
    if case == "wrong password":
        env["NEO4J_PASSWORD"] = wrong
    elif case == "unreachable":
        env["NEO4J_URI"] = f"bolt://127.0.0.1:{free_port()}"
    else:
        env["NEO4J_DATABASE"] = "no-such-db"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    res = CliRunner().invoke(load_cmd, ["-q"])
    assert res.exit_code >= 1 and isinstance(res.exception, SystemExit), res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], res.output
    assert "Traceback" not in res.output
    assert wrong not in res.output and neo4j_settings.password not in res.output


@pytest.mark.neo4j
def test_dev_server_is_found_with_its_password_file(neo4j_server):
    s = Settings.resolve(home=neo4j_server.home, environ={})
    assert s.source == "dev server"
    assert s.uri == neo4j_server.bolt_uri and s.password == neo4j_server.read_password()
    # a URI naming the dev server borrows its password
    s2 = Settings.resolve(home=neo4j_server.home, environ={"NEO4J_URI": neo4j_server.bolt_uri})
    assert s2.password == s.password
    with connect(s) as driver:
        assert driver.execute_query("RETURN 'ok' AS x").records[0]["x"] == "ok"
