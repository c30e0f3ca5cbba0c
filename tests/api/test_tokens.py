import datetime as dt

from django.utils import timezone

from amicable.accounts.models import ApiToken
from amicable.accounts.services import api_token_create, api_token_revoke

from .base import ApiTestCase


class TestApiTokens(ApiTestCase):
    def test_it_accepts_a_valid_token_and_notes_its_use(self):
        issued = api_token_create(user=self.owner, name="script")
        assert self.call("get", "/cases", token=issued.raw).status_code == 200
        issued.token.refresh_from_db()
        assert issued.token.last_used_at is not None

    def test_it_refuses_an_expired_token(self):
        issued = api_token_create(user=self.owner, name="old")
        ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        self.assert_error(self.call("get", "/cases", token=issued.raw), 401, "Authorization", "expired")

    def test_it_refuses_a_revoked_token(self):
        issued = api_token_create(user=self.owner, name="leaked")
        api_token_revoke(actor=self.owner, token=issued.token)
        self.assert_error(self.call("get", f"/cases/{self.case.pk}", token=issued.raw), 401, "Authorization",
                          "revoked")

    def test_it_refuses_tokens_of_inactive_users(self):
        self.owner.is_active = False
        self.owner.save()
        self.assert_error(self.call("get", "/cases"), 401, "Authorization")

    def test_it_refuses_missing_malformed_and_unknown_tokens(self):
        self.assert_error(self.call("get", "/cases", token=None), 401, "Authorization", "Bearer")
        self.assert_error(self.call("get", "/cases", token="amc_" + "x" * 40), 401, "Authorization")
        response = self.client.get("/api/cases", headers={"Authorization": "Basic dXNlcjpwYXNz"})
        self.assert_error(response, 401, "Authorization")

    def test_it_ignores_the_session_cookie(self):
        # The API authenticates by token only, so a signed-in browser cannot be driven by a cross-site form.
        self.login(self.owner)
        self.assert_error(self.call("post", "/clients", {"name": "CSRF"}, token=None), 401, "Authorization")
