"""The dev server's process: start in the background, status, stop; its ports and its state file."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from swgraph.core.errors import InputError, Neo4jError
from swgraph.neo4j import guide

from .jars import LAUNCHER_CLASS, NEO4J_VERSION, ensure_jars, ensure_launcher, locked
from .java import Java, require_java
from .secrets import check_password, ensure_password_file, read_password_file, write_private

USERNAME = "neo4j"
STATE_FILE = "swgraph-neo4j.json"
LOG_FILE = "logs/swgraph-neo4j.log"
GUIDE_SITE = "guide-site"  # the rendered guide and style, served by the launcher at GUIDE_MOUNT
GUIDE_MOUNT = "/swgraph"
READY_MARKER = "swgraph-neo4j ready"

# JVM flags from Neo4j's own neo4j.conf defaults, plus a modest heap for a development server.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)
DEFAULT_HEAP = "2g"  # sized for a national load (GC was 12-17 s of 36-45 s at 1g); override with SWGRAPH_NEO4J_HEAP

# Popen objects of servers this interpreter started, so stop() can reap them (no zombies).
_CHILDREN: dict[int, subprocess.Popen] = {}


@dataclass(frozen=True)
class ServerInfo:
    """Where a running development Neo4j listens and how to log in.

    Attributes
    ----------
    bolt_uri : str
        ``bolt://127.0.0.1:<port>``, for drivers and ``NEO4J_URI``.
    http_url : str
        ``http://127.0.0.1:<port>/``, the HTTP API.
    browser_url : str
        ``http://127.0.0.1:<port>/browser/``, Neo4j Browser; once logged in it
        plays the swgraph guide.
    username : str
        Always ``neo4j``.
    password_file : pathlib.Path
        File (mode 0600) holding the password on its first line.
    pid : int
        Process id of the server's JVM.
    home : pathlib.Path
        The server's home: data, logs, password and state files.
    bolt_port, http_port : int
        The two ports, also part of the URLs.
    guide_url : str
        ``http://127.0.0.1:<port>/swgraph/guide/swgraph.html``, the guide (``:play`` it).
    """

    bolt_uri: str
    http_url: str
    browser_url: str
    username: str
    password_file: Path
    pid: int
    home: Path
    bolt_port: int
    http_port: int
    guide_url: str = ""

    def to_dict(self) -> dict:
        """Return a JSON-ready dict (paths as strings); it never contains the password."""
        data = asdict(self)
        data["password_file"] = str(self.password_file)
        data["home"] = str(self.home)
        return data

    def read_password(self) -> str:
        """Return the password from :attr:`password_file`."""
        return read_password_file(self.password_file)


# --------------------------------------------------------------------------- locations


def default_home() -> Path:
    """Return the dev server's home: ``$SWGRAPH_NEO4J_HOME`` or ``~/.local/share/swgraph/neo4j``."""
    env = os.environ.get("SWGRAPH_NEO4J_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return Path.home() / ".local" / "share" / "swgraph" / "neo4j"


def _home(home: str | os.PathLike | None) -> Path:
    return Path(home).expanduser().resolve() if home is not None else default_home()


def guide_base_url(http_port: int) -> str:
    """Where the launcher serves the rendered guide folder (no trailing slash)."""
    return f"http://127.0.0.1:{http_port}{GUIDE_MOUNT}"


# --------------------------------------------------------------------------- ports


def _free_port(exclude: set[int] = frozenset()) -> int:
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port not in exclude:
            return port
    raise Neo4jError("could not find a free TCP port on 127.0.0.1")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------- state


def _read_state(home: Path) -> dict | None:
    try:
        return json.loads((home / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, home: Path) -> bool:
    """Whether *pid* is alive (not a zombie) and is a Neo4jDev launcher for *home*."""
    child = _CHILDREN.get(pid)
    if child is not None and child.poll() is not None:
        _CHILDREN.pop(pid, None)
        return False
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            stat = (proc / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                return False
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            return False
        return LAUNCHER_CLASS.encode() in argv and str(home).encode() in argv
    try:  # no /proc (macOS): trust the state file's pid
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _info(state: dict, home: Path) -> ServerInfo:
    bolt, http = int(state["bolt_port"]), int(state["http_port"])
    return ServerInfo(
        bolt_uri=f"bolt://127.0.0.1:{bolt}",
        http_url=f"http://127.0.0.1:{http}/",
        browser_url=f"http://127.0.0.1:{http}/browser/",
        username=USERNAME,
        password_file=Path(state["password_file"]),
        pid=int(state["pid"]),
        home=home,
        bolt_port=bolt,
        http_port=http,
        guide_url=f"{guide_base_url(http)}/guide/swgraph.html",
    )


def status(home: str | os.PathLike | None = None) -> ServerInfo | None:
    """Return the running dev server of *home*, or ``None`` when it is not running.

    A state file left by a server that died is removed.

    Parameters
    ----------
    home : path, optional
        The server's home; default :func:`default_home`.
    """
    home = _home(home)
    state = _read_state(home)
    if not state:
        return None
    if not _is_our_server(int(state.get("pid", 0)), home):
        with contextlib.suppress(OSError):
            (home / STATE_FILE).unlink()
        return None
    return _info(state, home)


# --------------------------------------------------------------------------- start / stop


def _log_tail(log: Path, lines: int = 15) -> str:
    try:
        text = log.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    keep = [line for line in text if line.strip()][-lines:]
    return "\n".join("  " + line[:300] for line in keep) or "(empty log)"


def start(
    *,
    home: str | os.PathLike | None = None,
    bolt_port: int | None = None,
    http_port: int | None = None,
    password: str | None = None,
    timeout: float = 180,
    progress: Callable[[str], None] | None = None,
    stop_with_parent: bool = False,
    dataset: str = guide.DEFAULT_DATASET,
) -> ServerInfo:
    """Start the development Neo4j in the background, or return it if it already runs.

    Parameters
    ----------
    home : path, optional
        Data, logs, password and state live here; default :func:`default_home`.
    bolt_port, http_port : int, optional
        Ports on 127.0.0.1; free ones are chosen when not given.
    password : str, optional
        Password of user ``neo4j`` (at least 8 characters). Default: the one
        already in ``<home>/password``, else a new random one. It is stored in
        ``<home>/password`` (mode 0600), which the server reads; an existing
        database is switched to it.
    timeout : float
        Seconds to wait for the server to accept connections (not counting
        the first download of the jars).
    progress : callable, optional
        Called with one-line progress messages (download, start).
    stop_with_parent : bool
        Stop the server when this Python process ends (for test sessions:
        nothing is left running even if the session is killed).
    dataset : str
        The dataset id the guide's first slide sets as ``$dataset``. The guide
        is rendered again at every call, also when the server already runs.

    Returns
    -------
    ServerInfo
        Where it listens and where the password is.

    Raises
    ------
    EnvironmentMissing
        No JDK 17/21, or no Maven for the first download.
    InputError
        The password is too short or has line breaks.
    Neo4jError
        A port is taken, the server is already running with other settings,
        or it did not start (the message ends with the log's last lines).
    """
    home = _home(home)
    if password is not None:
        check_password(password)
    home.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(home, 0o700)
    with locked(home / ".lock"):
        running = status(home)
        if running is not None:
            _check_same(running, bolt_port, http_port, password)
            guide.write_site(home / GUIDE_SITE, guide_base_url(running.http_port), dataset)
            return running
        java = require_java()
        lib = ensure_jars(java, progress=progress)
        classes = ensure_launcher(java, lib)
        password_file = ensure_password_file(home, password)
        del password

        for port in (bolt_port, http_port):
            if port is not None and not _port_free(port):
                raise Neo4jError(f"port {port} on 127.0.0.1 is already in use; choose another or omit it")
        if bolt_port is not None and bolt_port == http_port:
            raise InputError("the Bolt and HTTP ports must differ")
        if progress:
            progress(f"Starting Neo4j {NEO4J_VERSION} (Java {java.version}) in {home}...")
        launch = dict(java=java, classes=classes, lib=lib, home=home, password_file=password_file,
                      timeout=timeout, stop_with_parent=stop_with_parent, dataset=dataset)
        for attempt in range(3):
            try:
                return _launch(bolt_port=bolt_port, http_port=http_port, **launch)
            except _PortTaken:
                if (bolt_port is not None and http_port is not None) or attempt == 2:
                    raise Neo4jError(f"Neo4j could not bind its ports; last lines of {home / LOG_FILE}:\n"
                                     f"{_log_tail(home / LOG_FILE)}") from None
                # a free port we picked was taken by someone else meanwhile: pick again
        raise AssertionError("unreachable")  # pragma: no cover


class _PortTaken(Neo4jError):
    """The JVM exited because a port it was given was taken between choosing and binding."""


def _launch(*, java: Java, classes: Path, lib: Path, home: Path, password_file: Path, bolt_port: int | None,
            http_port: int | None, timeout: float, stop_with_parent: bool, dataset: str) -> ServerInfo:
    """Render the guide, run the launcher in the background, write the state file and wait for the ready line."""
    bolt_port = bolt_port or _free_port({http_port} if http_port else set())
    http_port = http_port or _free_port({bolt_port})
    site = home / GUIDE_SITE
    base_url = guide_base_url(http_port)
    guide.write_site(site, base_url, dataset)
    log = home / LOG_FILE
    log.parent.mkdir(parents=True, exist_ok=True)
    heap = os.environ.get("SWGRAPH_NEO4J_HEAP", DEFAULT_HEAP)
    cmd = [str(java.java), f"-Xmx{heap}", *JVM_OPTIONS, "-cp", f"{classes}{os.pathsep}{lib / '*'}",
           LAUNCHER_CLASS, "--home", str(home), "--bolt-port", str(bolt_port),
           "--http-port", str(http_port), "--password-file", str(password_file),
           "--guide-dir", str(site), "--guide-mount", GUIDE_MOUNT]
    if stop_with_parent:
        cmd += ["--parent-pid", str(os.getpid())]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}  # no secrets for the child
    env["JAVA_HOME"] = str(java.home)
    with open(log, "w") as out:
        child = subprocess.Popen(cmd, cwd=home, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                 env=env, start_new_session=True, close_fds=True)
    _CHILDREN[child.pid] = child
    state = {"pid": child.pid, "bolt_port": bolt_port, "http_port": http_port,
             "password_file": str(password_file), "log_file": str(log), "java_home": str(java.home),
             "guide_dir": str(site), "guide_url": f"{base_url}/guide/swgraph.html",
             "neo4j_version": NEO4J_VERSION, "started_at": time.time()}
    write_private(home / STATE_FILE, json.dumps(state, indent=2) + "\n")
    try:
        _wait_ready(child, log, timeout)
    except BaseException:
        _terminate(child.pid, grace=10)
        with contextlib.suppress(OSError):
            (home / STATE_FILE).unlink()
        raise
    return _info(state, home)


def _check_same(running: ServerInfo, bolt_port, http_port, password) -> None:
    clash = [name for name, want, have in (("Bolt port", bolt_port, running.bolt_port),
                                            ("HTTP port", http_port, running.http_port))
             if want is not None and want != have]
    if password is not None and password != running.read_password():
        clash.append("password")
    if clash:
        raise Neo4jError(
            f"Neo4j is already running from {running.home} (pid {running.pid}) with a different "
            f"{' and '.join(clash)}; stop it first (swgraph neo4j stop)"
        )


def _wait_ready(child: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll the log for the ready line (the launcher prints it once Bolt and HTTP accept connections)."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError):
            if READY_MARKER in log.read_text(errors="replace"):
                return
        code = child.poll()
        if code is not None:
            _CHILDREN.pop(child.pid, None)
            if "Address already in use" in _log_tail(log, 200):
                raise _PortTaken("port taken")
            raise Neo4jError(f"Neo4j failed to start (exit code {code}); last lines of {log}:\n{_log_tail(log)}")
        if time.monotonic() > deadline:
            raise Neo4jError(f"Neo4j did not start within {timeout:g} s; last lines of {log}:\n{_log_tail(log)}")
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=0.1)  # wakes at once when the JVM exits


def pid_alive(pid: int) -> bool:
    """Whether process *pid* exists on this machine and is not a zombie (another user's process counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    with contextlib.suppress(OSError, IndexError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
    return True


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    return pid_alive(pid)


def _wait_gone(pid: int, seconds: float) -> None:
    """Wait until *pid* has exited, at most *seconds* (a child of ours is waited on, not polled)."""
    child = _CHILDREN.get(pid)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=seconds)
        return
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _terminate(pid: int, *, grace: float) -> None:
    """SIGTERM *pid* (Neo4j shuts down cleanly), wait up to *grace* s, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    _wait_gone(pid, grace)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_gone(pid, 5)
    child = _CHILDREN.pop(pid, None)
    if child is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=1)


def stop(home: str | os.PathLike | None = None, *, timeout: float = 60) -> ServerInfo | None:
    """Stop the dev server of *home* cleanly; return what was stopped, or ``None`` if it was not running.

    Parameters
    ----------
    home : path, optional
        The server's home; default :func:`default_home`.
    timeout : float
        Seconds to wait for a clean shutdown before killing the JVM.
    """
    home = _home(home)
    info = status(home)
    if info is None:
        return None
    _terminate(info.pid, grace=timeout)
    with contextlib.suppress(OSError):
        (home / STATE_FILE).unlink()
    return info
