"""Headless Chromium for tests: open a local HTML file with the network blocked.

Reusable by any test::

    from browser import chromium_fixture   # in a conftest.py: browser = chromium_fixture()

    def test_page(browser, tmp_path):
        page = browser.open(tmp_path / "x.html")
        assert page.console_errors() == []
        assert page.js("return document.title") == "x"
        png = page.screenshot("/tmp/x.png")
        assert distinct_colours(png) > 10
        assert page.external_requests() == []

Isolation: a fresh ``--user-data-dir``; DNS answers NOTFOUND for every host
(``--host-resolver-rules``); a proxy to a dead port; and CDP
``Network.setBlockedURLs`` for every scheme that leaves the machine. Every
request the page makes is recorded (CDP performance log) so tests can assert
that none but ``file:``/``data:``/``about:``/``blob:`` was attempted. ``alert``,
``confirm`` and ``prompt`` are replaced before any page script runs and
recorded in ``window.__dialogs``.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import pytest

from .helpers import skip_or_fail

CHROMIUM = os.environ.get("SWGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SWGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:", "chrome-error:")
_BLOCKED = ["http:*", "https:*", "ws:*", "wss:*", "ftp:*"]
_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]
_PRELUDE = """
window.__dialogs = [];
['alert', 'confirm', 'prompt', 'print'].forEach(function (k) {
  window[k] = function (m) { window.__dialogs.push(k + ':' + String(m)); return null; };
});
"""


def chromium_available() -> str | None:
    """None when Chromium and chromedriver can be used, else the reason why not."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} not found (install Debian packages chromium and chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    return None


class Page:
    """One loaded page in a :class:`Browser`."""

    def __init__(self, browser: "Browser", url: str):
        self.browser = browser
        self.url = url

    @property
    def driver(self):
        return self.browser.driver

    def js(self, script: str, *args):
        """Run ``script`` (a function body: use ``return``) in the page and return its value."""
        return self.driver.execute_script(script, *args)

    def wait_for(self, script: str, *args, timeout: float = 30.0):
        """Poll ``script`` (called with ``args``) until it returns a truthy value; return that value."""
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(
            lambda d: d.execute_script(script, *args))

    def wait_until(self, predicate, timeout: float = 30.0):
        """Poll the Python callable ``predicate()`` until it returns a truthy value; return that value."""
        from selenium.webdriver.support.ui import WebDriverWait

        return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda _d: predicate())

    def console_errors(self) -> list[str]:
        """SEVERE console messages (errors, uncaught exceptions, CSP violations) since open()."""
        self.browser._drain()
        return [m["message"] for m in self.browser.console if m.get("level") == "SEVERE"]

    def console(self) -> list[dict]:
        self.browser._drain()
        return list(self.browser.console)

    def requests(self) -> list[str]:
        """Every URL the page requested (or tried to) since open()."""
        self.browser._drain()
        return list(self.browser.requests)

    def external_requests(self) -> list[str]:
        """Requested URLs that are not local (file:, data:, about:, blob:)."""
        return [u for u in self.requests() if not u.startswith(LOCAL_SCHEMES)]

    def dialogs(self) -> list[str]:
        """alert/confirm/prompt calls the page made (they are replaced, never shown)."""
        return self.js("return window.__dialogs || []")

    def screenshot(self, path: str | os.PathLike | None = None, *, element: str | None = None) -> bytes:
        """PNG of the viewport (or of the element matching CSS ``element``); also saved to ``path``."""
        from selenium.webdriver.common.by import By

        if element:
            png = self.driver.find_element(By.CSS_SELECTOR, element).screenshot_as_png
        else:
            png = self.driver.get_screenshot_as_png()
        if path is not None:
            Path(path).write_bytes(png)
        return png


class Browser:
    """A headless Chromium (through chromedriver) with the network blocked."""

    def __init__(self, *, width: int = 1400, height: int = 900, allow_loopback: bool = False):
        """``allow_loopback``: let pages reach servers on 127.0.0.1 (e.g. the Neo4j Browser); all else stays blocked."""
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="swgraph-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for flag in _FLAGS:
            if allow_loopback and flag == "--proxy-bypass-list=<-loopback>":
                flag = "--proxy-bypass-list=127.0.0.1"  # loopback goes direct; everything else hits the dead proxy
            if allow_loopback and flag.startswith("--host-resolver-rules="):
                flag += ", EXCLUDE 127.0.0.1"
            opts.add_argument(flag)
        opts.add_argument(f"--user-data-dir={self.profile}")
        opts.add_argument(f"--window-size={width},{height}")
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        opts.set_capability("unhandledPromptBehavior", "accept")
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)
        self.driver.execute_cdp_cmd("Network.enable", {})
        if not allow_loopback:
            self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": _BLOCKED})
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _PRELUDE})
        self.console: list[dict] = []
        self.requests: list[str] = []

    def _drain(self) -> None:
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)
        for entry in self.driver.get_log("performance"):
            try:
                msg = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            if msg.get("method") == "Network.requestWillBeSent":
                self.requests.append(msg["params"]["request"]["url"])
            elif msg.get("method") == "Network.webSocketCreated":
                self.requests.append(msg["params"]["url"])

    def open(self, path_or_url: str | os.PathLike) -> Page:
        """Load a local file (path) or URL; clears the console and request records first."""
        url = str(path_or_url)
        if "://" not in url and not url.startswith(("about:", "data:")):
            url = Path(url).resolve().as_uri()
        self._drain()
        self.console.clear()
        self.requests.clear()
        self.driver.get(url)
        return Page(self, url)

    def open_offline(self, html: str, folder: str | os.PathLike, name: str = "page.html", *,
                     ready: str = "return document.readyState === 'complete'") -> Page:
        """Write ``html`` into ``folder``, open it, wait until ``ready``; it must load with no request out and no error."""
        path = Path(folder) / name
        path.write_text(html, encoding="utf-8")
        page = self.open(path)
        page.wait_for(ready)
        assert page.external_requests() == []
        assert page.console_errors() == []
        return page

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def chromium_fixture(name: str = "browser", scope: str = "session"):
    """A pytest fixture yielding a :class:`Browser`.

    Skips (with the reason) when Chromium is missing and env ``CI`` is unset;
    with ``CI`` set a missing browser fails the test instead.
    """

    @pytest.fixture(scope=scope, name=name)
    def _fixture():
        reason = chromium_available()
        if reason is not None:
            skip_or_fail(f"headless Chromium unavailable: {reason}")
        b = Browser()
        try:
            yield b
        finally:
            b.close()

    return _fixture


# --------------------------------------------------------------------------- PNG (no Pillow)


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG: (width, height, rows of raw pixel bytes).

    >>> w, h, rows = png_pixels(_tiny_png())
    >>> (w, h, rows[0][:3])
    (2, 1, b'\\xff\\x00\\x00')
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, meta = 8, [], None
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        ctype = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if ctype == b"IHDR":
            meta = struct.unpack(">IIBBBBB", data)
        elif ctype == b"IDAT":
            idat.append(data)
        elif ctype == b"IEND":
            break
    if meta is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _c, _f, interlace = meta
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif ftype == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def distinct_colours(png: bytes, *, step: int = 1) -> int:
    """Number of distinct RGB colours in a PNG (sampling every ``step``-th pixel)."""
    width, _h, rows = png_pixels(png)
    bpp = len(rows[0]) // width if rows else 3
    seen = set()
    for row in rows[::step]:
        for x in range(0, width, step):
            seen.add(row[x * bpp : x * bpp + 3])
    return len(seen)


def _tiny_png() -> bytes:
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))

    ihdr = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00")) + chunk(b"IEND", b"")
