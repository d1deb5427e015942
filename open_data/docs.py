"""The human-readable page of the API, rendered on the server from the served OpenAPI schema itself (no
script, nothing from elsewhere: the strict CSP allows neither, and the page must work without JavaScript)."""

import json

from django.urls import reverse

from .http import absolute

METHOD_ORDER = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type_of(option) for option in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"{_type_of(schema.get('items', {}))}[]"
    return schema.get("type", "object")


def _parameters(operation: dict) -> list[dict]:
    return [
        {
            "name": parameter["name"],
            "where": parameter["in"],
            "required": parameter.get("required", False),
            "type": _type_of(parameter.get("schema", {})),
            "description": parameter.get("description") or parameter.get("schema", {}).get("description", ""),
        }
        for parameter in operation.get("parameters", [])
    ]


def _responses(operation: dict) -> list[dict]:
    rows = []
    for status, response in sorted(operation.get("responses", {}).items()):
        content = response.get("content", {})
        media, body = next(iter(content.items()), ("", {}))
        rows.append({"status": status, "media": media, "type": _type_of(body.get("schema", {})) if body else ""})
    return rows


def operations(schema: dict) -> list[dict]:
    found = []
    for path, methods in schema["paths"].items():
        for method in METHOD_ORDER:
            if method in methods:
                operation = methods[method]
                found.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "anchor": operation["operationId"],
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "parameters": _parameters(operation),
                        "responses": _responses(operation),
                    }
                )
    return found


def models(schema: dict) -> list[dict]:
    """Each named model with its fields, for the page's reference section."""
    found = []
    for name, model in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(model.get("required", []))
        fields = [
            {
                "name": field,
                "type": _type_of(spec),
                "required": field in required,
                "description": spec.get("description", ""),
            }
            for field, spec in model.get("properties", {}).items()
        ]
        found.append({"name": name, "fields": fields})
    return found


def context(request) -> dict:
    from .api import api  # the API module imports this one's operations

    schema = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    to_address = absolute(request)
    return {
        "title": schema["info"]["title"],
        "description": schema["info"].get("description", ""),
        "operations": operations(schema),
        "models": models(schema),
        "schema_url": reverse("open_data:openapi-json"),
        "example_url": to_address(reverse("open_data:items") + "?limit=2"),
        "export_url": to_address(reverse("open_data:export_items_csv")),
    }
