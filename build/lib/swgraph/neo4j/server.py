"""The local development Neo4j: Neo4j Community 5.26 from Maven Central, no Docker.

:func:`start` fetches the Neo4j jars once with Maven into a cache
(``~/.cache/swgraph/neo4j-5.26.30/``, or ``$SWGRAPH_CACHE/neo4j-5.26.30/``),
compiles the small launcher ``java/Neo4jDev.java`` once, and runs it in the
background with a JDK 17 or 21. The server listens on 127.0.0.1 only, has
authentication on (user ``neo4j``, password in a 0600 file in the home) and
serves Neo4j Browser at ``/browser/``. Its data, logs, password file and state
file live in a *home* directory (``~/.local/share/swgraph/neo4j``, or
``$SWGRAPH_NEO4J_HOME``); data survives :func:`stop` and a later :func:`start`.

The password is never printed and never put on a command line: the launcher
reads it from the password file.

Without Java 17/21 (or without Maven before the jars are cached)
:class:`~swgraph.core.errors.EnvironmentMissing` names the alternatives: the
official Docker image, Neo4j Desktop or Neo4j Aura, with ``NEO4J_URI``,
``NEO4J_USERNAME`` and ``NEO4J_PASSWORD`` pointing swgraph at them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

from swgraph.core.errors import EnvironmentMissing, InputError, Neo4jError

NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
USERNAME = "neo4j"
SUPPORTED_JAVA = (21, 17)  # in order of preference; Neo4j 5.26 runs on nothing else
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

JAVA_DIR = Path(__file__).resolve().parent / "java"
JVM_DIRS = (Path("/usr/lib/jvm"), Path("/usr/java"), Path("/opt/java"), Path("/Library/Java/JavaVirtualMachines"))
STATE_FILE = "swgraph-neo4j.json"
PASSWORD_FILE = "password"
LOG_FILE = "logs/swgraph-neo4j.log"
READY_MARKER = "swgraph-neo4j ready"
LAUNCHER_CLASS = "Neo4jDev"

ALTERNATIVES = (
    "or run Neo4j 5.26 another way (the official Docker image neo4j:5.26, Neo4j Desktop or Neo4j Aura) "
    "and point swgraph at it with NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD"
)

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
DEFAULT_HEAP = "1g"  # override with SWGRAPH_NEO4J_HEAP, e.g. "4g"

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
        ``http://127.0.0.1:<port>/browser/``, Neo4j Browser.
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


def cache_dir() -> Path:
    """Return the jar cache: ``$SWGRAPH_CACHE/neo4j-<version>`` or ``~/.cache/swgraph/neo4j-<version>``."""
    root = os.environ.get("SWGRAPH_CACHE")
    base = Path(root).expanduser().resolve() if root else Path.home() / ".cache" / "swgraph"
    return base / f"neo4j-{NEO4J_VERSION}"


def _home(home: str | os.PathLike | None) -> Path:
    return Path(home).expanduser().resolve() if home is not None else default_home()


# --------------------------------------------------------------------------- Java and Maven


@dataclass(frozen=True)
class Java:
    """A JDK that can run Neo4j 5.26.

    Attributes
    ----------
    home : pathlib.Path
        The JDK directory (``JAVA_HOME``).
    version : int
        Feature version, 17 or 21.
    """

    home: Path
    version: int

    @property
    def java(self) -> Path:
        """Path of the ``java`` executable."""
        return self.home / "bin" / "java"

    @property
    def javac(self) -> Path:
        """Path of the ``javac`` executable."""
        return self.home / "bin" / "javac"


def _java_version(jdk: Path) -> int | None:
    """Feature version of the JDK at *jdk* (from its ``release`` file, else ``java -version``)."""
    release = jdk / "release"
    text = ""
    if release.is_file():
        with contextlib.suppress(OSError):
            match = re.search(r'^JAVA_VERSION="([^"]+)"', release.read_text(errors="replace"), re.M)
            text = match.group(1) if match else ""
    if not text and (jdk / "bin" / "java").is_file():
        try:
            proc = subprocess.run(
                [str(jdk / "bin" / "java"), "-version"], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return None
        match = re.search(r'version "([^"]+)"', proc.stderr)
        text = match.group(1) if match else ""
    match = re.match(r"(?:1\.)?(\d+)", text)
    return int(match.group(1)) if match else None


def _usable(jdk: Path) -> Java | None:
    if not ((jdk / "bin" / "java").is_file() and (jdk / "bin" / "javac").is_file()):
        return None
    version = _java_version(jdk)
    return Java(jdk, version) if version in SUPPORTED_JAVA else None


def _candidates() -> Iterator[Path]:
    """JDK directories to try: ``JAVA_HOME``, then ``/usr/lib/jvm`` & co, then ``java`` on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        yield Path(java_home)
    found: list[tuple[int, Path]] = []
    for root in JVM_DIRS:
        with contextlib.suppress(OSError):
            for child in sorted(root.iterdir()):
                home = child / "Contents" / "Home" if (child / "Contents" / "Home").is_dir() else child
                version = _java_version(home) if (home / "bin" / "java").is_file() else None
                if version in SUPPORTED_JAVA:
                    found.append((SUPPORTED_JAVA.index(version), home))
    yield from (home for _, home in sorted(found, key=lambda item: item[0]))
    on_path = shutil.which("java")
    if on_path:
        yield Path(on_path).resolve().parent.parent


def find_java() -> Java | None:
    """Find a JDK 17 or 21 (with ``javac``); ``None`` when there is none.

    ``JAVA_HOME`` is used when it is 17 or 21; otherwise ``/usr/lib/jvm`` (and
    the usual other JVM directories) are scanned, 21 preferred; last, ``java``
    on ``PATH``. Other versions (such as 25) are skipped: Neo4j 5.26 does not
    run on them.
    """
    seen: set[Path] = set()
    for jdk in _candidates():
        jdk = jdk.resolve()
        if jdk in seen:
            continue
        seen.add(jdk)
        java = _usable(jdk)
        if java is not None:
            return java
    return None


def find_maven() -> Path | None:
    """Return the ``mvn`` executable on PATH, or ``None``."""
    found = shutil.which("mvn")
    return Path(found) if found else None


def _require_java() -> Java:
    java = find_java()
    if java is None:
        raise EnvironmentMissing(
            "the local Neo4j needs a Java 17 or 21 JDK (set JAVA_HOME to one, e.g. apt install openjdk-17-jdk), "
            + ALTERNATIVES
        )
    return java


# --------------------------------------------------------------------------- jars and launcher


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on *path* (created if missing) while in the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def jars_cached(cache: Path | None = None) -> bool:
    """Whether the Neo4j jars are already in the cache (so Maven is not needed)."""
    cache = cache or cache_dir()
    return (cache / "lib" / ".complete").is_file()


def ensure_jars(java: Java, *, cache: Path | None = None, progress: Callable[[str], None] | None = None) -> Path:
    """Download the Neo4j jars into ``<cache>/lib`` once and return that directory.

    Parameters
    ----------
    java : Java
        The JDK Maven runs with.
    cache : pathlib.Path, optional
        The cache directory; default :func:`cache_dir`.
    progress : callable, optional
        Called with a one-line message before a download starts.

    Raises
    ------
    EnvironmentMissing
        Maven is not installed (and the jars are not cached yet).
    Neo4jError
        Maven failed (the message names its log file).
    """
    cache = cache or cache_dir()
    lib = cache / "lib"
    if jars_cached(cache):
        return lib
    with _locked(cache / ".lock"):
        if jars_cached(cache):  # another process fetched them while we waited
            return lib
        mvn = find_maven()
        if mvn is None:
            raise EnvironmentMissing(
                f"the local Neo4j needs Maven once to download Neo4j {NEO4J_VERSION} from Maven Central "
                "(apt install maven), " + ALTERNATIVES
            )
        if progress:
            progress(f"Downloading Neo4j {NEO4J_VERSION} and Neo4j Browser {BROWSER_VERSION} jars into {cache} (once)...")
        work = cache / "lib.partial"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copyfile(JAVA_DIR / "pom.xml", cache / "pom.xml")  # nothing is written into the package
        log = cache / "maven.log"
        cmd = [str(mvn), "-q", "-B", "-f", str(cache / "pom.xml"), "dependency:copy-dependencies",
               "-DincludeScope=runtime", f"-DoutputDirectory={work}"]
        env = dict(os.environ, JAVA_HOME=str(java.home))
        with open(log, "w") as out:
            proc = subprocess.run(cmd, cwd=cache, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  env=env, check=False)
        shutil.rmtree(cache / "target", ignore_errors=True)
        if proc.returncode != 0 or not any(work.glob("neo4j-harness-*.jar")):
            error = _first_error(log)
            raise Neo4jError(f"downloading the Neo4j jars with Maven failed: {error} (full log: {log})")
        (work / ".complete").write_text(f"neo4j {NEO4J_VERSION}\nneo4j-browser {BROWSER_VERSION}\n")
        shutil.rmtree(lib, ignore_errors=True)
        work.rename(lib)
    return lib


def _first_error(log: Path) -> str:
    lines = log.read_text(errors="replace").splitlines() if log.is_file() else []
    errors = [line.strip() for line in lines if "ERROR" in line and line.strip()]
    text = (errors or [line.strip() for line in lines if line.strip()] or ["no output"])[0]
    return re.sub(r"\x1b\[[0-9;]*m", "", text).removeprefix("[ERROR] ")[:300]


def ensure_launcher(java: Java, lib: Path, *, cache: Path | None = None) -> Path:
    """Compile ``Neo4jDev.java`` once (per source version and JDK) and return its class directory."""
    cache = cache or cache_dir()
    source = JAVA_DIR / f"{LAUNCHER_CLASS}.java"
    digest = hashlib.sha256(source.read_bytes() + str(java.version).encode()).hexdigest()[:12]
    classes = cache / f"launcher-{digest}"
    if (classes / f"{LAUNCHER_CLASS}.class").is_file():
        return classes
    with _locked(cache / ".lock"):
        if (classes / f"{LAUNCHER_CLASS}.class").is_file():
            return classes
        work = cache / f"launcher-{digest}.partial"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        proc = subprocess.run(
            [str(java.javac), "-nowarn", "-encoding", "UTF-8", "-cp", str(lib / "*"), "-d", str(work), str(source)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
        )
        if proc.returncode != 0:
            first = (proc.stderr.strip().splitlines() or ["no output"])[0]
            raise Neo4jError(f"compiling {source.name} with {java.javac} failed: {first}")
        shutil.rmtree(classes, ignore_errors=True)
        work.rename(classes)
    return classes


def prefetch(progress: Callable[[str], None] | None = None) -> Path:
    """Download the jars and compile the launcher now, so a later :func:`start` only starts.

    Returns the cache directory. Used by ``scripts/neo4j-prefetch`` (CI).

    Raises
    ------
    EnvironmentMissing
        No JDK 17/21, or no Maven and the jars are not cached.
    Neo4jError
        The download or the compilation failed.
    """
    java = _require_java()
    lib = ensure_jars(java, progress=progress)
    ensure_launcher(java, lib)
    return lib.parent


# --------------------------------------------------------------------------- password and ports


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


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"the Neo4j password must have at least {MIN_PASSWORD_LENGTH} characters")
    if any(ch in password for ch in "\r\n") or password != password.strip():
        raise InputError("the Neo4j password must be one line without leading or trailing spaces")


def _write_private(path: Path, text: str) -> None:
    """Write *text* to *path* with mode 0600, atomically, never readable by others even briefly."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


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
        _check_password(password)
    home.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(home, 0o700)
    with _locked(home / ".lock"):
        running = status(home)
        if running is not None:
            _check_same(running, bolt_port, http_port, password)
            return running
        java = _require_java()
        lib = ensure_jars(java, progress=progress)
        classes = ensure_launcher(java, lib)

        password_file = home / PASSWORD_FILE
        if password is None:
            if password_file.is_file():
                password = read_password_file(password_file)
                _check_password(password)
                os.chmod(password_file, 0o600)
            else:
                password = secrets.token_urlsafe(24)
        if not password_file.is_file() or read_password_file(password_file) != password:
            _write_private(password_file, password + "\n")
        del password

        with contextlib.suppress(OSError):
            os.chmod(password_file, 0o600)

        for port in (bolt_port, http_port):
            if port is not None and not _port_free(port):
                raise Neo4jError(f"port {port} on 127.0.0.1 is already in use; choose another or omit it")
        if bolt_port is not None and bolt_port == http_port:
            raise InputError("the Bolt and HTTP ports must differ")
        if progress:
            progress(f"Starting Neo4j {NEO4J_VERSION} (Java {java.version}) in {home}...")
        launch = dict(java=java, classes=classes, lib=lib, home=home, password_file=password_file,
                      timeout=timeout, stop_with_parent=stop_with_parent)
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
            http_port: int | None, timeout: float, stop_with_parent: bool) -> ServerInfo:
    """Run the launcher in the background, write the state file and wait for the ready line."""
    bolt_port = bolt_port or _free_port({http_port} if http_port else set())
    http_port = http_port or _free_port({bolt_port})
    log = home / LOG_FILE
    log.parent.mkdir(parents=True, exist_ok=True)
    heap = os.environ.get("SWGRAPH_NEO4J_HEAP", DEFAULT_HEAP)
    cmd = [str(java.java), f"-Xmx{heap}", *JVM_OPTIONS, "-cp", f"{classes}{os.pathsep}{lib / '*'}",
           LAUNCHER_CLASS, "--home", str(home), "--bolt-port", str(bolt_port),
           "--http-port", str(http_port), "--password-file", str(password_file)]
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
             "neo4j_version": NEO4J_VERSION, "started_at": time.time()}
    _write_private(home / STATE_FILE, json.dumps(state, indent=2) + "\n")
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
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
    return True


def _terminate(pid: int, *, grace: float) -> None:
    """SIGTERM *pid* (Neo4j shuts down cleanly), wait up to *grace* s, then SIGKILL."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        end = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < end:
            time.sleep(0.05)
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
