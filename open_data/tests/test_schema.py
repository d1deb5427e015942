"""The OpenAPI schema at /api/v1/schema/: valid, lists every endpoint, and every answer validates against it."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from .conftest import get_json, streamed_text


@pytest.fixture
def schema(client, db):
    return get_json(client, "/api/v1/schema/")


def _api_routes() -> set[str]:
    """Every route of the open_data namespace, as OpenAPI writes paths (the docs page excepted)."""
    [api] = [
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and "api/v1" in str(entry.pattern)
    ]
    routes = set()
    for entry in api.url_patterns[0].url_patterns:
        if isinstance(entry, URLPattern) and entry.name not in ("docs", "api-root", "openapi-json"):
            routes.add("/api/v1/" + str(entry.pattern).replace("<int:", "{").replace(">", "}"))
    return routes


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_lists_every_endpoint(schema):
    assert set(schema["paths"]) == _api_routes()
    assert len(schema["paths"]) == 11


def _validator(schema: dict, path: str, status: str = "200") -> OAS31Validator:
    response = schema["paths"][path]["get"]["responses"][status]
    body_schema = response["content"]["application/json"]["schema"]
    # The answer's schema with the components beside it, so that its "#/components/..." references resolve.
    return OAS31Validator({**body_schema, "components": schema["components"]})


def answers(client, site) -> dict[str, tuple[str, object]]:
    """Each JSON path of the schema, the URL of a real request to it and the answer's body."""
    item, report, bureau = site["item"], site["report"], site["item"].organization
    urls = {
        "/api/v1/items/": "/api/v1/items/?limit=1",
        "/api/v1/items/{item_id}/": f"/api/v1/items/{item.pk}/",
        "/api/v1/organizations/": "/api/v1/organizations/",
        "/api/v1/categories/": "/api/v1/categories/",
        "/api/v1/topics/": "/api/v1/topics/",
        "/api/v1/organizations/{organization_id}/annual-reports/": f"/api/v1/organizations/{bureau.pk}/annual-reports/",
        "/api/v1/annual-reports/{report_id}/": f"/api/v1/annual-reports/{report.pk}/",
        "/api/v1/statistics/": f"/api/v1/statistics/?organization={bureau.pk}&year=2025",
    }
    return {path: (url, get_json(client, url)) for path, url in urls.items()}


def test_every_json_answer_validates_against_the_served_schema(client, schema, report_site):
    found = answers(client, report_site)
    json_paths = {
        path
        for path, spec in schema["paths"].items()
        if "application/json" in json.dumps(spec["get"]["responses"]["200"])
    }
    assert set(found) | {"/api/v1/exports/items.json"} == json_paths
    for path, (url, body) in found.items():
        errors = list(_validator(schema, path).iter_errors(body))
        assert not errors, (url, [error.message for error in errors])
    assert found["/api/v1/items/"][1]["next"], "the page of one item out of several has a next link"


def test_an_error_answer_validates_against_the_schema(client, schema, report_site):
    body = client.get("/api/v1/items/?organization=999999").json()
    assert not list(_validator(schema, "/api/v1/items/", "400").iter_errors(body))


def test_the_exports_are_described_with_their_formats(schema, client, db):
    assert "text/csv" in schema["paths"]["/api/v1/exports/items.csv"]["get"]["responses"]["200"]["content"]
    assert streamed_text(client.get("/api/v1/exports/items.json")).strip().startswith("[")
