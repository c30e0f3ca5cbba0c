"""Generated access tests for the JSON API, from its OpenAPI document.

Every operation is requested with a stranger's token. When it names an object of the owner's workspace
(a path parameter, or an `*_id` field of the body or a required query parameter), the answer must be
404. Path parameters are filled from PATH_PARAMS plus the `URL_KWARGS` of each app's `testing.py`; an
unknown parameter name fails the test, so a new route cannot go untested. Without a token, every
operation is 401. Every route Django serves under /api/ must be in the OpenAPI document.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from amicable.accounts.services import api_token_create
from amicable.api.main import api
from amicable.cases.services import deadline_add, milestone_add
from amicable.discovery import app_modules
from amicable.test import BaseTestCase

PATH_PARAMS: dict[str, Callable[[Any], int]] = {
    "workspace_id": lambda t: t.workspace.pk,
    "client_id": lambda t: t.counterparty.pk,
    "engagement_id": lambda t: t.engagement.pk,
    "milestone_id": lambda t: t.milestone.pk,
    "invoice_id": lambda t: t.invoice.pk,
    "case_id": lambda t: t.case.pk,
    "deadline_id": lambda t: t.deadline.pk,
}
METHODS = ("get", "post", "put", "patch", "delete")
# Strings that only exist in the owner's workspace: a stranger's answer must contain none of them.
OWNER_MARKERS = ("Northwind Studio", "alice@example.com", "Alice Owner")


def url_kwargs() -> dict[str, Callable[[Any], int]]:
    """PATH_PARAMS plus the factories apps declare in `amicable/<app>/testing.py`."""
    table = dict(PATH_PARAMS)
    for _app, module in app_modules("testing"):
        table.update(getattr(module, "URL_KWARGS", {}))
    return table


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()
            if method in METHODS]


class Sampler:
    """Builds a minimal valid value for a JSON schema, naming the owner's objects in `*_id` fields."""

    def __init__(self, schema: dict[str, Any], ids: dict[str, int]) -> None:
        self.components = schema.get("components", {}).get("schemas", {})
        self.ids = ids
        self.named: list[str] = []

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = self.components[node["$ref"].rsplit("/", 1)[1]]
        return node

    def value(self, node: dict[str, Any], name: str = "") -> Any:
        node = self.resolve(node)
        if name in self.ids:
            self.named.append(name)
            return self.ids[name]
        for key in ("anyOf", "oneOf"):
            if key in node:
                options = [o for o in node[key] if self.resolve(o).get("type") != "null"]
                return self.value(options[0], name)
        if "allOf" in node:
            return self.value(node["allOf"][0], name)
        if "const" in node:
            return node["const"]
        if node.get("enum"):
            return node["enum"][0]
        kind = node.get("type")
        if kind == "object":
            props = node.get("properties", {})
            wanted = set(node.get("required", [])) | {p for p in props if p in self.ids}
            return {p: self.value(props[p], p) for p in sorted(wanted)}
        if kind == "array":
            return [self.value(node["items"])] if node.get("minItems") else []
        if kind in ("integer", "number"):
            return max(1, node.get("minimum", 1))
        if kind == "boolean":
            return False
        soon = timezone.now() + dt.timedelta(days=30)
        return {"date": soon.date().isoformat(), "date-time": soon.isoformat(),
                "email": "someone@example.com"}.get(node.get("format", ""), "x")


class TestApiAccess(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.milestone = milestone_add(actor=cls.owner, engagement=cls.engagement, title="Design", amount="500")
        cls.deadline = deadline_add(actor=cls.owner, case=cls.case, what="Reply",
                                    due_at=timezone.now() + dt.timedelta(days=5))
        cls.stranger_token = api_token_create(user=cls.stranger, name="stranger").raw
        cls.schema = api.get_openapi_schema()

    def request(self, method: str, path: str, body: Any, token: str | None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = "" if body is None else json.dumps(body)
        return self.client.generic(method.upper(), path, data=data, content_type="application/json", headers=headers)

    def build(self, path: str, op: dict[str, Any]) -> tuple[str, Any, list[str]]:
        """The URL and body for `op`, and the names of the owner's objects it names."""
        table = url_kwargs()
        ids = {name: factory(self) for name, factory in table.items()}
        sampler = Sampler(self.schema, ids)
        named = []
        for param in re.findall(r"{(\w+)}", path):
            assert param in table, (f"{path}: no factory for path parameter '{param}'. Add it to URL_KWARGS in "
                                    "amicable/<app>/testing.py so the stranger test can reach this route.")
            path = path.replace(f"{{{param}}}", str(ids[param]))
            named.append(param)
        query = {p["name"]: sampler.value(p.get("schema", {}), p["name"]) for p in op.get("parameters", [])
                 if p.get("in") == "query" and p.get("required")}
        if query:
            path += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        body = None
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            body = sampler.value(content["application/json"]["schema"])
        return path, body, named + sampler.named

    def test_it_has_routes_to_check(self):
        assert len(operations(self.schema)) >= 20

    def test_it_fails_for_a_path_parameter_without_a_factory(self):
        with self.assertRaisesRegex(AssertionError, "no factory for path parameter 'mystery_id'"):
            self.build("/api/cases/{case_id}/mystery/{mystery_id}", {})

    def test_it_answers_404_to_a_stranger_naming_the_owners_objects(self):
        failures = []
        for path, method, op in operations(self.schema):
            url, body, named = self.build(path, op)
            response = self.request(method, url, body, self.stranger_token)
            text = response.content.decode(errors="replace")
            if named and response.status_code != 404:
                failures.append(f"{method.upper()} {url} (names {named}): {response.status_code} {text[:200]}")
            if not named and (response.status_code >= 500 or any(m in text for m in OWNER_MARKERS)):
                failures.append(f"{method.upper()} {url}: {response.status_code} leaks or fails: {text[:200]}")
        assert not failures, "\n".join(failures)

    def test_it_answers_401_without_a_valid_token(self):
        failures = []
        for path, method, op in operations(self.schema):
            url, body, _ = self.build(path, op)
            for token in (None, "amc_not-a-real-token"):
                response = self.request(method, url, body, token)
                if response.status_code != 401 or response.json()["errors"][0]["field"] != "Authorization":
                    failures.append(f"{method.upper()} {url} token={token}: {response.status_code}")
        assert not failures, "\n".join(failures)


class TestOpenApiDocument(BaseTestCase):
    def test_it_serves_a_valid_openapi_document(self):
        response = self.client.get("/api/openapi.json")
        assert response.status_code == 200
        doc = response.json()
        assert doc["openapi"].startswith("3.") and doc["info"]["title"] and doc["paths"]
        assert "BearerAuth" in json.dumps(doc["components"]["securitySchemes"]) or doc["components"][
            "securitySchemes"]
        refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(doc))
        missing = {r for r in refs if r not in doc["components"]["schemas"]}
        assert not missing, missing
        ids = [op["operationId"] for _, _, op in operations(doc)]
        assert len(ids) == len(set(ids)), "operationIds must be unique"
        for path, method, op in operations(doc):
            assert op.get("responses"), (method, path)
            assert set(re.findall(r"{(\w+)}", path)) == {p["name"] for p in op.get("parameters", [])
                                                         if p["in"] == "path"}, (method, path)
        assert self.client.get("/api/docs").status_code == 200

    def test_it_documents_every_route_django_serves(self):
        doc = api.get_openapi_schema()
        patterns, _app, _ns = api.urls
        served = set()
        for pattern in patterns:
            if pattern.name in ("openapi-json", "openapi-view", "api-root"):  # the docs, not routes
                continue
            served.add("/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern)))
        assert served, "no API routes found"
        assert served <= set(doc["paths"]), f"routes missing from the OpenAPI document: {served - set(doc['paths'])}"
        for prefix, router in api._routers:
            for path, path_view in router.path_operations.items():
                full = "/api" + (prefix + path if prefix else path)
                for operation in path_view.operations:
                    assert operation.include_in_schema, f"{operation.methods} {full} is hidden from OpenAPI"
                    for method in operation.methods:
                        assert method.lower() in doc["paths"].get(full, {}), f"{method} {full} not documented"
