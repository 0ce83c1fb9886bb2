"""The guide server never copies a request's Host header into its pages unless it is a plain host[:port]."""

from __future__ import annotations

import http.client
import threading

import pytest

from swgraph.neo4j import guide


@pytest.fixture
def guide_server():
    server = guide.make_server(port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, host: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", "/guide/swgraph.html", skip_host=True)
    conn.putheader("Host", host)
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 200
    return resp.read().decode("utf-8")


@pytest.mark.parametrize("host", ['evil"><script>window.__pwned=1</script>', "a.example/<img src=x onerror=1>",
                                  "127.0.0.1:1 onload=x", "javascript:alert(1)"])
def test_hostile_host_headers_are_not_copied_into_the_page(guide_server, host):
    page = get(guide_server, host)
    assert host not in page and "__pwned" not in page and "onerror" not in page
    assert f"http://localhost:{guide_server}/" in page  # the server's own address instead


def test_a_plain_host_header_is_used_for_links(guide_server):
    page = get(guide_server, "neo4j.example.org:7474")
    assert "http://neo4j.example.org:7474/" in page
