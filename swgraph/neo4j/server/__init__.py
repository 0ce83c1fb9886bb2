"""The local development Neo4j: Neo4j Community 5.26 from Maven Central, no Docker.

:func:`start` fetches the Neo4j jars once with Maven into a cache
(``~/.cache/swgraph/neo4j-5.26.30/``, or ``$SWGRAPH_CACHE/neo4j-5.26.30/``),
compiles the small launcher in ``swgraph/neo4j/java/`` once, and runs it in the
background with a JDK 17 or 21. The server listens on 127.0.0.1 only, has
authentication on (user ``neo4j``, password in a 0600 file in the home) and
serves Neo4j Browser at ``/browser/`` and the swgraph guide and style at
``/swgraph/`` (the Browser plays the guide once logged in). Its data, logs,
password file and state file live in a *home* directory
(``~/.local/share/swgraph/neo4j``, or ``$SWGRAPH_NEO4J_HOME``); data survives
:func:`stop` and a later :func:`start`.

The password is never printed and never put on a command line: the launcher
reads it from the password file.

Without Java 17/21 (or without Maven before the jars are cached)
:class:`~swgraph.core.errors.EnvironmentMissing` names the alternatives: the
official Docker image, Neo4j Desktop or Neo4j Aura, with ``NEO4J_URI``,
``NEO4J_USERNAME`` and ``NEO4J_PASSWORD`` pointing swgraph at them.

Modules: :mod:`.java` (finding a JDK and Maven), :mod:`.jars` (the jar cache
and the launcher), :mod:`.secrets` (the password file), :mod:`.process`
(start, status, stop, ports, the state file).
"""

from .jars import (
                   BROWSER_VERSION,
                   JAVA_DIR,
                   LAUNCHER_CLASS,
                   NEO4J_VERSION,
                   cache_dir,
                   ensure_jars,
                   ensure_launcher,
                   jars_cached,
                   prefetch,
)
from .java import ALTERNATIVES, JVM_DIRS, SUPPORTED_JAVA, Java, find_java, find_maven, require_java
from .process import (
                   DEFAULT_HEAP,
                   GUIDE_MOUNT,
                   GUIDE_SITE,
                   JVM_OPTIONS,
                   LOG_FILE,
                   READY_MARKER,
                   STATE_FILE,
                   USERNAME,
                   ServerInfo,
                   default_home,
                   start,
                   status,
                   stop,
)
from .secrets import MIN_PASSWORD_LENGTH, PASSWORD_FILE, check_password, read_password_file

__all__ = [
    "ALTERNATIVES", "BROWSER_VERSION", "DEFAULT_HEAP", "GUIDE_MOUNT", "GUIDE_SITE", "JAVA_DIR", "JVM_DIRS",
    "JVM_OPTIONS", "LAUNCHER_CLASS", "LOG_FILE", "MIN_PASSWORD_LENGTH", "NEO4J_VERSION", "PASSWORD_FILE",
    "READY_MARKER", "STATE_FILE", "SUPPORTED_JAVA", "USERNAME", "Java", "ServerInfo", "cache_dir",
    "check_password", "default_home", "ensure_jars", "ensure_launcher", "find_java", "find_maven",
    "jars_cached", "prefetch", "read_password_file", "require_java", "start", "status", "stop",
]
