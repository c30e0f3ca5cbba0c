from .base import ApiTestCase


class TestEveryErrorIsJson(ApiTestCase):
    def test_it_answers_an_unsupported_method_with_json(self):
        response = self.call("put", f"/cases/{self.case.pk}", {})
        body = self.assert_error(response, 405, None, "PUT is not allowed")
        assert "PATCH" in response["Allow"] and "PATCH" in body["message"]

    def test_it_answers_an_unknown_path_with_json(self):
        self.assert_error(self.call("get", "/no-such-thing"), 404, None, "/api/docs")
        self.assert_error(self.call("get", "/cases/"), 404, None, "try /api/cases")
        self.assert_error(self.call("get", "/cases/1/nothing", token=None), 404, None, "no API route")

    def test_it_still_serves_the_docs(self):
        assert self.client.get("/api/docs").status_code == 200
        assert self.client.get("/api/openapi.json").json()["paths"]

    def test_it_takes_token_writes_without_a_csrf_token(self):
        import json

        from django.test import Client

        browserless = Client(enforce_csrf_checks=True)
        response = browserless.post("/api/clients", data=json.dumps({"name": "Script Ltd"}),
                                    content_type="application/json",
                                    headers={"Authorization": f"Bearer {self.tokens[self.owner.pk]}"})
        assert response.status_code == 201, response.content

    def test_it_answers_404_to_ids_that_cannot_exist(self):
        for bad in ("99999999999999999999999", "-1", "0"):
            assert self.call("get", f"/cases/{bad}").status_code == 404, bad
            assert self.call("post", f"/cases/{bad}/transition", {"stage": "clarifying"}).status_code == 404, bad
        self.assert_error(self.call("get", "/cases/1.5"), 422, "case_id")
