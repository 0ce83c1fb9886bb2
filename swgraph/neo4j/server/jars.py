"""The Neo4j jars (downloaded once with Maven into a cache) and the compiled launcher."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from swgraph.core.errors import EnvironmentMissing, Neo4jError

from .java import ALTERNATIVES, Java, find_maven, require_java

NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
JAVA_DIR = Path(str(resources.files("swgraph.neo4j").joinpath("java")))  # package data, found in a wheel too
LAUNCHER_CLASS = "Neo4jDev"


def cache_dir() -> Path:
    """Return the jar cache: ``$SWGRAPH_CACHE/neo4j-<version>`` or ``~/.cache/swgraph/neo4j-<version>``."""
    root = os.environ.get("SWGRAPH_CACHE")
    base = Path(root).expanduser().resolve() if root else Path.home() / ".cache" / "swgraph"
    return base / f"neo4j-{NEO4J_VERSION}"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
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
    with locked(cache / ".lock"):
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


def java_sources() -> list[Path]:
    """The launcher's Java sources (``Neo4jDev.java`` and the guide resource), sorted."""
    return sorted(JAVA_DIR.glob("*.java"))


def ensure_launcher(java: Java, lib: Path, *, cache: Path | None = None) -> Path:
    """Compile the launcher's sources once (per source version and JDK) and return its class directory."""
    cache = cache or cache_dir()
    sources = java_sources()
    digest = hashlib.sha256(b"".join(s.read_bytes() for s in sources) + str(java.version).encode()).hexdigest()[:12]
    classes = cache / f"launcher-{digest}"
    if (classes / f"{LAUNCHER_CLASS}.class").is_file():
        return classes
    with locked(cache / ".lock"):
        if (classes / f"{LAUNCHER_CLASS}.class").is_file():
            return classes
        work = cache / f"launcher-{digest}.partial"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        proc = subprocess.run(
            [str(java.javac), "-nowarn", "-encoding", "UTF-8", "-cp", str(lib / "*"), "-d", str(work),
             *map(str, sources)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
        )
        if proc.returncode != 0:
            first = (proc.stderr.strip().splitlines() or ["no output"])[0]
            raise Neo4jError(f"compiling the launcher with {java.javac} failed: {first}")
        shutil.rmtree(classes, ignore_errors=True)
        work.rename(classes)
    return classes


def prefetch(progress: Callable[[str], None] | None = None) -> Path:
    """Download the jars and compile the launcher now, so a later ``start`` only starts.

    Returns the cache directory. Used by ``scripts/neo4j-prefetch`` (CI).

    Raises
    ------
    EnvironmentMissing
        No JDK 17/21, or no Maven and the jars are not cached.
    Neo4jError
        The download or the compilation failed.
    """
    java = require_java()
    lib = ensure_jars(java, progress=progress)
    ensure_launcher(java, lib)
    return lib.parent
