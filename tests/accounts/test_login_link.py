import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amicable.accounts.models import LoginToken, Membership, User
from amicable.accounts.services import TokenError, local_owner_ensure, login_link_create, login_link_redeem
from amicable.lib.tokens import token_hash
from amicable.test import BaseTestCase


class TestLoginLink(BaseTestCase):
    def test_it_stores_only_a_hash(self):
        raw = login_link_create(user=self.owner)
        row = LoginToken.objects.get()
        assert row.token_hash == token_hash(raw) and raw not in row.token_hash

    def test_it_signs_in_once_on_post_and_not_on_get(self):
        raw = login_link_create(user=self.owner)
        url = reverse("accounts:login_link", args=[raw])
        assert self.client.get(url).status_code == 200
        assert LoginToken.objects.get().used_at is None  # a link scanner's GET burns nothing
        response = self.client.post(url)
        assert response.status_code == 302 and response["Location"] == "/"
        assert LoginToken.objects.get().used_at is not None
        assert self.client.get(reverse("cases:dashboard")).status_code == 200

    def test_it_refuses_reuse(self):
        raw = login_link_create(user=self.owner)
        login_link_redeem(raw_token=raw)
        with pytest.raises(TokenError, match="already used"):
            login_link_redeem(raw_token=raw)
        response = self.client.post(reverse("accounts:login_link", args=[raw]))
        assert response.status_code == 400 and "already used" in response.content.decode()

    def test_it_refuses_expired_and_unknown_links(self):
        raw = login_link_create(user=self.owner)
        LoginToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        with pytest.raises(TokenError, match="expired"):
            login_link_redeem(raw_token=raw)
        with pytest.raises(TokenError, match="not valid"):
            login_link_redeem(raw_token="nope")
        assert LoginToken.objects.get().used_at is None

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(reverse("cases:case_detail", args=[self.case.pk]))
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=/cases/")
        body = self.client.get(response["Location"]).content.decode()
        assert "amicable login-link" in body


class TestLocalOwner(BaseTestCase):
    def test_it_creates_one_owner_and_workspace_idempotently(self):
        first = local_owner_ensure()
        second = local_owner_ensure()
        assert first == second and not first.has_usable_password()
        assert Membership.objects.filter(user=first, role="owner").count() == 1


@override_settings(LOCAL_MODE=False)
class TestServerAccounts(BaseTestCase):
    @override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
    def test_it_signs_up_with_a_workspace_and_argon2(self):
        response = self.client.post(reverse("accounts:signup"), {"email": "New@Example.com", "password": "a-Strong-pass-99",
                                                                 "display_name": "Nia"})
        assert response.status_code == 302
        user = User.objects.get(email="new@example.com")
        assert user.password.startswith("argon2")
        assert Membership.objects.get(user=user).role == "owner"

    def test_it_rejects_weak_passwords_and_duplicates(self):
        response = self.client.post(reverse("accounts:signup"), {"email": "x@example.com", "password": "password"})
        assert response.status_code == 400 and "too common" in response.content.decode()
        response = self.client.post(reverse("accounts:signup"), {"email": "alice@example.com",
                                                                 "password": "a-Strong-pass-99"})
        assert "already exists" in response.content.decode()
        assert not User.objects.filter(email="x@example.com").exists()

    def test_it_logs_in_with_a_password(self):
        response = self.client.post(reverse("accounts:login"), {"email": "alice@example.com",
                                                                "password": "correct horse battery staple"})
        assert response.status_code == 302 and self.client.get("/").status_code == 200
        self.client.logout()
        response = self.client.post(reverse("accounts:login"), {"email": "alice@example.com", "password": "wrong"})
        assert response.status_code == 400 and "do not match" in response.content.decode()

    def test_it_logs_out_on_post(self):
        self.login(self.owner)
        self.client.post(reverse("accounts:logout"))
        assert self.client.get(reverse("cases:dashboard")).status_code == 302


@override_settings(LOCAL_MODE=True)
class TestLocalModeHasNoSignup(BaseTestCase):
    def test_it_hides_signup(self):
        assert self.client.get(reverse("accounts:signup")).status_code == 404
