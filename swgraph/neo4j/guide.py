"""Neo4j Browser: the guide (``:play``), the query-library slides, the GraSS style, and serving them.

* ``cypher/guide/swgraph.html`` is the hand-written walk through the data;
  ``/guide/library.html`` is rendered on request from ``cypher/queries/``
  (one slide per query, with its parameters as clickable ``:param`` lines),
  so the guide never falls behind the library.
* ``cypher/style.grass`` colours nodes by kind with the registry's colours,
  the same the HTML maps use (``swgraph.core.registry.KINDS[kind].color``);
  :func:`grass` generates it and a test keeps
  the file equal to it (``python -m swgraph.neo4j.guide > cypher/style.grass``).
* :func:`write_site` renders the guide, library slides and style into a
  folder; the local dev server (:mod:`swgraph.neo4j.server`) serves that
  folder at ``/swgraph/`` and the Browser plays the guide after login.
* :func:`make_server` serves ``cypher/`` with ``Access-Control-Allow-Origin: *``
  (Neo4j Browser fetches guides with XHR from its own origin). In ``.html``
  files ``{{base_url}}`` becomes the URL the page was fetched from (the
  request's ``Host`` header only when it is a plain ``host[:port]``), so the
  guide's ``:style`` and ``:play`` links point back at this server.

>>> "node.NationalFederation" in grass() and "#c0392b" in grass()
True
"""

from __future__ import annotations

import html
import http.server
import re
import socketserver
from functools import partial
from pathlib import Path

from swgraph.core import registry
from swgraph.core.bundled import bundled
from swgraph.core.io import atomic_folder, write_text
from swgraph.neo4j.queries import library
from swgraph.neo4j.schema import DATASET_LABEL

CYPHER_DIR = bundled("cypher")
DEFAULT_DATASET = "cfsw-documented"  # the bundled seeds' dataset id
# A Host header we copy into a page: a host name, IPv4 or [IPv6] address, and an optional port; nothing else.
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$")
SOURCE_COLOR = "#7f8c8d"


def kind_colour(kind: str) -> str:
    """The colour of *kind*: the registry's, which the HTML maps draw it in too."""
    return registry.KINDS[kind].color


def _text_color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


def _darker(hex_color: str, f: float = 0.8) -> str:
    r, g, b = (int(int(hex_color[i:i + 2], 16) * f) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def _node_rule(label: str, color: str, diameter: int, caption: str = "{name}") -> str:
    return (f"node.{label} {{\n  color: {color};\n  border-color: {_darker(color)};\n"
            f"  text-color-internal: {_text_color(color)};\n  diameter: {diameter}px;\n  caption: '{caption}';\n}}\n")


def grass() -> str:
    """The Browser style (GraSS): node colours per kind as in the maps; captions show ``name``.

    No comments in the output: the Browser's GraSS parser does not skip them.
    """
    out = [
        "node {\n  diameter: 40px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: '{name}';\n}\n",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}\n",
    ]
    # Shared labels first: a later rule wins, so a node's kind label decides its colour.
    out.append(_node_rule(registry.BASE_LABEL, "#A5ABB6", 40))
    out.append(_node_rule(registry.GROUP_LABELS["record"], "#95a5a6", 35))
    out.append(_node_rule(registry.SOURCE_LABEL, SOURCE_COLOR, 30))
    out.append(_node_rule(DATASET_LABEL, "#ffffff", 30, "{id}"))
    for spec in registry.KINDS.values():
        diameter = {0: 80, 1: 65, 2: 55, 3: 48, 4: 42}.get(spec.tier, 45 if spec.group != "record" else 35)
        out.append(_node_rule(spec.label, kind_colour(spec.name), diameter))
    out.append("relationship.CITES {\n  color: #d0d3d4;\n  shaft-width: 1px;\n  caption: '';\n}\n")
    return "".join(out)


# ----------------------------------------------------------------------------- library slides


def _literal(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def library_html(dataset: str = DEFAULT_DATASET) -> str:
    """A Browser guide with one slide per library query (its ``:param`` lines and the query, clickable)."""
    slides = []
    lib = library()
    intro = (
        "<h3>The swgraph query library</h3><p class=\"lead\">" + str(len(lib)) + " parameterised queries that "
        "planners and analysts ask, the same ones <code>swgraph query NAME</code> runs.</p>"
        "<p>Every query takes <code>$dataset</code>. Set it once (click, then run):</p>"
        f"<pre class=\"pre-scrollable code runnable\">{html.escape(':param dataset => ' + _literal(dataset))}</pre>"
        "<p>On each slide, click a <code>:param</code> line to set that query's parameters, then the query."
        " Change a value by editing it in the editor before running.</p>"
    )
    slides.append(f'<slide class="row-fluid"><div class="col-sm-12">{intro}</div></slide>')
    for q in lib.values():
        params = [p for p in q.params if p.name != "dataset"]
        lines = []
        for p in params:
            value = None if p.required else p.default
            lines.append(f"<pre class=\"pre-scrollable code runnable\">"
                         f"{html.escape(f':param {p.name} => {_literal(value)}')}</pre>"
                         f"<p class=\"small\">{html.escape(p.help)} ({p.type})</p>")
        body = "\n".join(line for line in q.text.splitlines() if not line.strip().startswith("//"))
        slides.append(
            '<slide class="row-fluid">\n<div class="col-sm-4">'
            f"<h3>{html.escape(q.title)}</h3><p>{html.escape(q.description)}</p>"
            f"<p class=\"small\"><code>swgraph query {html.escape(q.name)}</code></p>"
            f"{''.join(lines)}</div>\n"
            f'<div class="col-sm-8"><pre class="pre-scrollable code runnable">{html.escape(body)}</pre></div>\n'
            "</slide>"
        )
    return ('<article class="guide">\n<carousel class="deck container-fluid">\n'
            + "\n".join(slides) + "\n</carousel>\n</article>\n")


# ----------------------------------------------------------------------------- rendering


def render_page(text: str, base_url: str, dataset: str = DEFAULT_DATASET) -> str:
    """A guide page with ``{{base_url}}`` and ``{{dataset}}`` filled in, both HTML-escaped.

    ``{{dataset}}`` becomes a Cypher string literal (for ``:param dataset => {{dataset}}``).
    """
    return text.replace("{{base_url}}", html.escape(base_url)).replace("{{dataset}}", html.escape(_literal(dataset)))


def write_site(folder: Path | str, base_url: str, dataset: str = DEFAULT_DATASET) -> Path:
    """Render the guide, the query-library slides and the style into *folder* (swapped in whole).

    The folder mirrors ``cypher/``: ``guide/swgraph.html``, ``guide/library.html``
    and ``style.grass``, with links pointing at *base_url* (where the folder is served).
    """
    folder = Path(folder)
    with atomic_folder(folder) as tmp:
        for page in sorted((CYPHER_DIR / "guide").glob("*.html")):
            write_text(tmp / "guide" / page.name, render_page(page.read_text(encoding="utf-8"), base_url, dataset))
        write_text(tmp / "guide" / "library.html", library_html(dataset))
        write_text(tmp / "style.grass", grass())
    return folder


# ----------------------------------------------------------------------------- serving


class GuideHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from ``cypher/`` with CORS; ``/guide/library.html`` rendered from the library."""

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_OPTIONS(self):  # noqa: N802 - CORS preflight
        self.send_response(204)
        self.end_headers()

    def _base_url(self) -> str:
        """``http://<Host>`` when the request's Host header is a plain host[:port], else the server's own address."""
        host = (self.headers.get("Host") or "").strip()
        if not _HOST.match(host):
            host = f"localhost:{self.server.server_address[1]}"
        return f"http://{host}"

    def _send_text(self, text: str, ctype: str, head_only: bool = False) -> None:
        data = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def _dynamic(self, head_only: bool) -> bool:
        path = self.path.split("?", 1)[0]
        if path == "/guide/library.html":
            self._send_text(library_html(), "text/html", head_only)
            return True
        if path.endswith(".html"):
            file = Path(self.translate_path(path))
            if file.is_file():
                text = render_page(file.read_text(encoding="utf-8"), self._base_url())
                self._send_text(text, "text/html", head_only)
                return True
        if path.endswith((".grass", ".cypher")):
            file = Path(self.translate_path(path))
            if file.is_file():
                self._send_text(file.read_text(encoding="utf-8"), "text/plain", head_only)
                return True
        return False

    def do_GET(self):  # noqa: N802
        if not self._dynamic(False):
            super().do_GET()

    def do_HEAD(self):  # noqa: N802
        if not self._dynamic(True):
            super().do_HEAD()

    def log_message(self, fmt, *args):  # quiet unless something fails
        if args and str(args[1] if len(args) > 1 else "").startswith(("4", "5")):
            super().log_message(fmt, *args)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(directory: Path | str = CYPHER_DIR, host: str = "127.0.0.1", port: int = 8001) -> _Server:
    """An HTTP server for *directory* with CORS (``port=0`` picks a free port); call ``serve_forever()``."""
    handler = partial(GuideHandler, directory=str(directory))
    return _Server((host, port), handler)


if __name__ == "__main__":  # pragma: no cover
    print(grass(), end="")
