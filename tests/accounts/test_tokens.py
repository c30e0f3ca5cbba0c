import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amicable.accounts.models import ApiToken
from amicable.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from amicable.test import BaseTestCase


class TestApiTokens(BaseTestCase):
    def test_it_authenticates_a_fresh_token_and_stores_only_its_hash(self):
        issued = api_token_create(user=self.owner, name="script")
        assert issued.raw.startswith("amc_") and issued.raw not in issued.token.token_hash
        assert api_token_authenticate(issued.raw) == self.owner
        assert ApiToken.objects.get().last_used_at is not None

    def test_it_rejects_expired_revoked_and_unknown_tokens(self):
        issued = api_token_create(user=self.owner, name="script")
        api_token_revoke(actor=self.owner, token=issued.token)
        assert api_token_authenticate(issued.raw) is None
        other = api_token_create(user=self.owner, name="old")
        ApiToken.objects.filter(pk=other.token.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
        assert api_token_authenticate(other.raw) is None
        assert api_token_authenticate("amc_guess") is None and api_token_authenticate("") is None

    def test_it_validates_name_and_lifetime(self):
        with pytest.raises(ValidationError, match="name"):
            api_token_create(user=self.owner, name="  ")
        with pytest.raises(ValidationError, match="1 to 366"):
            api_token_create(user=self.owner, name="x", days=1000)

    def test_it_refuses_to_revoke_someone_elses_token(self):
        issued = api_token_create(user=self.owner, name="script")
        with pytest.raises(ValidationError):
            api_token_revoke(actor=self.stranger, token=issued.token)
        assert ApiToken.objects.get().revoked_at is None

    def test_it_creates_and_revokes_from_the_settings_page(self):
        self.login(self.owner)
        response = self.client.post(reverse("accounts:token_create"), {"token-name": "zapier", "token-days": "30"})
        token = ApiToken.objects.get(name="zapier")
        assert "Copy your new token now" in response.content.decode() and token.user == self.owner
        self.login(self.stranger)
        assert self.client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
        self.login(self.owner)
        self.client.post(reverse("accounts:token_revoke", args=[token.pk]))
        token.refresh_from_db()
        assert token.revoked_at is not None

    def test_it_saves_profile_settings(self):
        self.login(self.owner)
        self.client.post(reverse("accounts:settings"), {"profile-display_name": "Alice", "profile-timezone": "Europe/Berlin"})
        self.owner.refresh_from_db()
        assert self.owner.timezone == "Europe/Berlin"
        response = self.client.post(reverse("accounts:settings"), {"profile-timezone": "Mars/Olympus"})
        assert "Select a valid choice" in response.content.decode()
