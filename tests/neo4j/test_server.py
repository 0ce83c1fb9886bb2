"""The local development Neo4j: finding Java, start/status/stop, secrets, CLI."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from swgraph.cli.main import cli
from swgraph.core.errors import EnvironmentMissing, InputError, Neo4jError
from swgraph.neo4j import server
from swgraph.neo4j.connection import Settings, connect


def fake_jdk(root: Path, name: str, version: str) -> Path:
    home = root / name
    (home / "bin").mkdir(parents=True)
    for tool in ("java", "javac"):
        (home / "bin" / tool).write_text("#!/bin/sh\nexit 1\n")
        (home / "bin" / tool).chmod(0o755)
    (home / "release").write_text(f'JAVA_VERSION="{version}"\n')
    return home


def no_java(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nojdk"))
    monkeypatch.setenv("PATH", str(tmp_path / "nobin"))
    monkeypatch.setattr(server.java, "JVM_DIRS", (tmp_path / "nojvm",))


# ----------------------------------------------------------------------------- no server needed


def test_java_25_is_skipped_for_17_or_21(monkeypatch, tmp_path):
    jvm = tmp_path / "jvm"
    java25 = fake_jdk(jvm, "temurin-25-jdk-amd64", "25.0.1")
    fake_jdk(jvm, "java-17-openjdk-amd64", "17.0.15")
    java21 = fake_jdk(jvm, "java-21-openjdk-amd64", "21.0.5")
    monkeypatch.setenv("JAVA_HOME", str(java25))
    monkeypatch.setenv("PATH", str(tmp_path / "nobin"))
    monkeypatch.setattr(server.java, "JVM_DIRS", (jvm,))
    found = server.find_java()
    assert found is not None and found.home == java21.resolve() and found.version == 21


def test_java_home_wins_when_supported(monkeypatch, tmp_path):
    jvm = tmp_path / "jvm"
    fake_jdk(jvm, "java-21-openjdk-amd64", "21.0.5")
    java17 = fake_jdk(tmp_path / "elsewhere", "jdk17", "17.0.2")
    monkeypatch.setenv("JAVA_HOME", str(java17))
    monkeypatch.setattr(server.java, "JVM_DIRS", (jvm,))
    assert server.find_java().version == 17


def test_without_java_start_names_the_alternatives(monkeypatch, tmp_path):
    no_java(monkeypatch, tmp_path)
    with pytest.raises(EnvironmentMissing) as err:
        server.start(home=tmp_path / "home")
    message = str(err.value)
    assert "\n" not in message
    for needle in ("Java 17 or 21", "neo4j:5.26", "Neo4j Desktop", "Neo4j Aura", "NEO4J_URI", "NEO4J_PASSWORD"):
        assert needle in message


def test_without_java_cli_is_one_line_error(monkeypatch, tmp_path):
    no_java(monkeypatch, tmp_path)
    result = CliRunner().invoke(cli, ["neo4j", "start"], env={"SWGRAPH_NEO4J_HOME": str(tmp_path / "home")})
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_without_maven_first_download_names_the_alternatives(monkeypatch, tmp_path):
    monkeypatch.setenv("SWGRAPH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(server.jars, "find_maven", lambda: None)
    java = server.Java(tmp_path / "jdk", 17)
    with pytest.raises(EnvironmentMissing, match="Maven.*neo4j:5.26.*NEO4J_URI"):
        server.ensure_jars(java)


def test_short_password_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="at least 8"):
        server.start(home=tmp_path / "home", password="short")


def test_status_of_an_empty_home_is_none(tmp_path):
    assert server.status(tmp_path) is None
    assert server.stop(tmp_path) is None


def test_stale_state_file_is_ignored_and_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    state = {"pid": dead.pid, "bolt_port": 1, "http_port": 2, "password_file": str(tmp_path / "password")}
    (tmp_path / server.STATE_FILE).write_text(json.dumps(state))
    assert server.status(tmp_path) is None
    assert not (tmp_path / server.STATE_FILE).exists()


def test_cli_status_when_not_running(tmp_path):
    result = CliRunner().invoke(cli, ["neo4j", "status", "--format", "json"],
                                env={"SWGRAPH_NEO4J_HOME": str(tmp_path)})
    assert result.exit_code == 1
    assert json.loads(result.output) == {"running": False, "home": str(tmp_path.resolve())}


@pytest.mark.parametrize("args", [["neo4j"], ["neo4j", "start"], ["neo4j", "stop"], ["neo4j", "status"]])
def test_every_command_has_an_example(args):
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    assert re.search(r"Example:\n\s+swgraph neo4j ", result.output), result.output


# ----------------------------------------------------------------------------- a Neo4j of its own


@pytest.mark.neo4j
def test_port_in_use_is_refused(neo4j_runtime, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(Neo4jError, match=f"port {port} .* in use"):
            server.start(home=tmp_path / "home", bolt_port=port)
    assert server.status(tmp_path / "home") is None


@pytest.mark.neo4j
def test_failed_start_shows_the_log_tail(neo4j_runtime, monkeypatch, tmp_path):
    monkeypatch.setenv("SWGRAPH_NEO4J_HEAP", "lots")  # the JVM refuses to start
    with pytest.raises(Neo4jError) as err:
        server.start(home=tmp_path / "home", timeout=60)
    assert "failed to start" in str(err.value)
    assert "heap" in str(err.value).lower()
    assert server.status(tmp_path / "home") is None


@pytest.mark.neo4j
def test_start_status_stop_restart_on_a_separate_home(neo4j_runtime, tmp_path):
    home = tmp_path / "home"
    first, second = "first-Passw0rd-xyz", "second-Passw0rd-xyz"
    info = server.start(home=home, password=first)
    try:
        assert server.status(home) == info
        assert server.start(home=home) == info  # idempotent
        assert info.bolt_uri.startswith("bolt://127.0.0.1:") and info.browser_url.endswith("/browser/")

        assert stat.S_IMODE(os.stat(info.password_file).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(home / server.STATE_FILE).st_mode) == 0o600
        assert info.read_password() == first
        # never on a command line, never in a log or state file
        cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes()
        assert first.encode() not in cmdline
        for path in [home / server.STATE_FILE, *home.joinpath("logs").rglob("*")]:
            if path.is_file():
                assert first not in path.read_text(errors="replace"), path

        with connect(Settings(info.bolt_uri, "neo4j", first)) as driver:
            assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    finally:
        stopped = server.stop(home)
    assert stopped is not None and stopped.pid == info.pid
    assert server.status(home) is None
    assert not Path(f"/proc/{info.pid}").exists()

    # data survives; a new password file becomes the truth for the existing database
    info2 = server.start(home=home, password=second)
    try:
        assert server.read_password_file(info2.password_file) == second
        with connect(Settings(info2.bolt_uri, "neo4j", second)) as driver:
            assert driver.execute_query("RETURN 2 AS two").records[0]["two"] == 2
        with pytest.raises(Neo4jError, match="wrong username or password"):
            connect(Settings(info2.bolt_uri, "neo4j", first))
    finally:
        server.stop(home)


# ----------------------------------------------------------------------------- the session's Neo4j


@pytest.fixture()
def local_server(neo4j_server):
    return neo4j_server


@pytest.mark.neo4j
def test_browser_is_served(local_server):
    from urllib.request import urlopen

    with urlopen(local_server.browser_url, timeout=10) as response:
        assert response.status == 200
        page = response.read().decode("utf-8", "replace")
    assert "<title>Neo4j Browser</title>" in page


@pytest.mark.neo4j
def test_listens_on_loopback_only(local_server):
    for port in (local_server.bolt_port, local_server.http_port):
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    table = Path("/proc/net/tcp6").read_text() + Path("/proc/net/tcp").read_text()
    for port in (local_server.bolt_port, local_server.http_port):
        listening = [line.split()[1] for line in table.splitlines()[1:]
                     if line.split()[3] == "0A" and line.split()[1].endswith(f":{port:04X}")]
        assert listening, port
        assert all(addr.startswith(("0100007F", "0000000000000000FFFF00000100007F")) for addr in listening), listening


@pytest.mark.neo4j
def test_cli_status_and_start_json(local_server):
    env = {"SWGRAPH_NEO4J_HOME": str(local_server.home)}
    password = local_server.read_password()
    runner = CliRunner()
    for args in (["neo4j", "status", "--format", "json"], ["neo4j", "start", "--format", "json"]):
        result = runner.invoke(cli, args, env=env)
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["bolt_uri"] == local_server.bolt_uri
        assert data["browser_url"] == local_server.browser_url
        assert data["username"] == "neo4j"
        assert data["password_file"] == str(local_server.password_file)
        assert password not in result.output
    text = runner.invoke(cli, ["neo4j", "status"], env=env)
    assert text.exit_code == 0 and local_server.browser_url in text.output and password not in text.output


@pytest.mark.neo4j
def test_guide_and_style_are_served_by_the_dev_server(local_server):
    from urllib.request import urlopen

    with urlopen(local_server.guide_url, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert ":param dataset => &#x27;cfsw-documented&#x27;" in page
    assert f":style http://127.0.0.1:{local_server.http_port}/swgraph/style.grass" in page
    with urlopen(f"http://127.0.0.1:{local_server.http_port}/swgraph/style.grass", timeout=10) as response:
        from swgraph.neo4j import guide
        assert response.read().decode("utf-8") == guide.grass()
