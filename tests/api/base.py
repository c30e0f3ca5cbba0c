"""An API test case: the personas of BaseTestCase, each with an API token, and a JSON request helper."""

from __future__ import annotations

import json
from typing import Any

from amicable.accounts.services import api_token_create
from amicable.test import BaseTestCase


class ApiTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.tokens = {user.pk: api_token_create(user=user, name="tests").raw
                      for user in (cls.owner, cls.teammate, cls.readonly, cls.stranger)}

    def call(self, method: str, path: str, body: Any = None, *, user: Any = None, raw: str | None = None,
             token: str | None = "default") -> Any:
        """Request `path` (below /api) as `user` (the owner by default); `raw` sends a body as it is."""
        user = user or self.owner
        headers = {}
        if token == "default":
            token = self.tokens[user.pk]
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        response = self.client.generic(method.upper(), "/api" + path, data=data, content_type="application/json",
                                       headers=headers)
        assert response.status_code < 500, (method, path, response.status_code, response.content[:500])
        return response

    def assert_error(self, response: Any, status: int, field: str | None, contains: str = "") -> dict[str, Any]:
        """The JSON error body has the status, names `field` and (optionally) says `contains`."""
        assert response.status_code == status, (response.status_code, response.content[:500])
        body = response.json()
        assert set(body) == {"message", "errors"}, body
        assert body["message"]
        if field is not None:
            assert field in [e["field"] for e in body["errors"]], body
        if contains:
            assert contains.lower() in json.dumps(body, ensure_ascii=False).lower(), body
        return body
