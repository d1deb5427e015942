"""/api/v1/: the API explained on a server-rendered page, from the served schema, under the strict CSP."""

import re

from .conftest import get_json


def test_the_page_lists_every_operation_of_the_schema(client, db):
    schema = get_json(client, "/api/v1/schema/")
    response = client.get("/api/v1/")
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    for path, methods in schema["paths"].items():
        assert f"<code>GET {path}</code>" in html
        assert methods["get"]["summary"] in html
    assert "curl -H" in html and "http://testserver/api/v1/items/?limit=2" in html
    assert 'href="/api/v1/schema/"' in html


def test_the_page_needs_no_script_nor_anything_from_elsewhere(client, db):
    html = client.get("/api/v1/").content.decode()
    assert "<script>" not in html and "<script " not in html.replace('<script src="/static/', "")
    assert " style=" not in html and "<style" not in html
    assert "cdn" not in html.lower() and "swagger" not in html.lower()
