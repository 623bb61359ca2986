"""The OpenAPI document: one error shape, descriptions and examples, docs with no CDN."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    res = client.get("/openapi.json")
    assert res.status_code == 200
    body: dict[str, Any] = res.json()
    return body


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for p, item in spec["paths"].items() for m, op in item.items()]


def test_every_schema_property_has_a_description(spec: dict[str, Any]) -> None:
    missing = [
        f"{name}.{prop}"
        for name, schema in spec["components"]["schemas"].items()
        for prop, sub in (schema.get("properties") or {}).items()
        if not sub.get("description")
    ]
    assert missing == []


def test_every_request_body_has_an_example(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    lacking = []
    for method, path, op in _operations(spec):
        for media, content in op.get("requestBody", {}).get("content", {}).items():
            schema = content.get("schema", {})
            ref = schema.get("$ref", "").rsplit("/", 1)[-1]
            has = (
                "example" in content
                or "examples" in content
                or "examples" in schema
                or "examples" in schemas.get(ref, {})
            )
            if not has:
                lacking.append(f"{method.upper()} {path} {media}")
    assert lacking == []


def test_every_error_response_is_the_one_error_shape(spec: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for method, path, op in _operations(spec):
        if op["operationId"] == "readyz":
            continue
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)


@pytest.mark.parametrize(
    ("operation", "codes"),
    [
        ("get_policy_version", {"401", "403", "404", "422"}),
        ("check_message", {"400", "401", "403", "413", "422"}),
        ("gmail_addon", {"400", "401", "413", "422", "503"}),
        ("replace_people", {"401", "403", "404", "409", "413", "422"}),
    ],
)
def test_errors_are_documented(spec: dict[str, Any], operation: str, codes: set[str]) -> None:
    (op,) = [op for _, _, op in _operations(spec) if op["operationId"] == operation]
    assert {c for c in op["responses"] if c >= "400"} == codes


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("put", "/directory/people", {"content": "id,kind\n1,pupil\n"}, 422),
        ("get", "/policy/versions/9999", {}, 404),
        ("put", "/directory/people", {"content": ""}, 422),
        ("patch", "/settings", {"json": {"outlook": {"entra_tenant_id": 5}}}, 422),
    ],
)
def test_error_answers_match_the_error_schema(
    client: TestClient, spec: dict[str, Any], method: str, path: str, kwargs: Any, status: int
) -> None:
    res = client.request(method, f"/v1/admin/schools/stmarys{path}", headers=ADMIN, **kwargs)
    assert res.status_code == status
    schema = {"$ref": "#/components/schemas/Error", "components": spec["components"]}
    jsonschema.validate(res.json(), schema)


def test_an_over_size_body_answers_the_error_shape(client: TestClient) -> None:
    res = client.post(
        "/v1/check",
        content=b"{" + b" " * 1_100_000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert res.status_code == 413 and res.headers["content-type"] == "application/json"
    assert res.json() == {"detail": "the request body is over the limit"}


@pytest.mark.parametrize(
    "email", ["not-an-email", "a@b", "a b@c.org", "@stmarys.sch.uk", "a@", "x@y@z.org"]
)
def test_the_schema_refuses_addresses_the_service_refuses(
    client: TestClient, spec: dict[str, Any], email: str
) -> None:
    schema = {"$ref": "#/components/schemas/CheckRequest", "components": spec["components"]}
    body = {"sender": {"email": email}}
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert not validator.is_valid(body)
    assert client.post("/v1/check", json=body).status_code == 422


CDN = re.compile(r"https?://(?!127\.0\.0\.1|localhost|testserver)[^\s\"')]+")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_are_served_without_a_cdn(client: TestClient, page: str) -> None:
    res = client.get(page)
    assert res.status_code == 200
    assert CDN.findall(res.text) == []
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", res.text)
    assert assets, "the page loads its scripts from somewhere"
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
