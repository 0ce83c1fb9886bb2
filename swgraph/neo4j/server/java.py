"""Finding a JDK that runs Neo4j 5.26 (17 or 21), and Maven for the first download."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from swgraph.core.errors import EnvironmentMissing

SUPPORTED_JAVA = (21, 17)  # in order of preference; Neo4j 5.26 runs on nothing else
JVM_DIRS = (Path("/usr/lib/jvm"), Path("/usr/java"), Path("/opt/java"), Path("/Library/Java/JavaVirtualMachines"))

ALTERNATIVES = (
    "or run Neo4j 5.26 another way (the official Docker image neo4j:5.26, Neo4j Desktop or Neo4j Aura) "
    "and point swgraph at it with NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD"
)


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


def java_version(jdk: Path) -> int | None:
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
    version = java_version(jdk)
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
                version = java_version(home) if (home / "bin" / "java").is_file() else None
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


def require_java() -> Java:
    """:func:`find_java`, or :class:`~swgraph.core.errors.EnvironmentMissing` naming the alternatives."""
    java = find_java()
    if java is None:
        raise EnvironmentMissing(
            "the local Neo4j needs a Java 17 or 21 JDK (set JAVA_HOME to one, e.g. apt install openjdk-17-jdk), "
            + ALTERNATIVES
        )
    return java
