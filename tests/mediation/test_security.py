"""Rate limits on sign-in and token endpoints, and CSRF on every form of negotiation and the room."""

import re

from django.test import Client, override_settings
from django.urls import reverse

from amicable.mediation import ratelimit
from amicable.mediation.models import RateLimitHit
from amicable.negotiation import services
from tests.mediation.base import RoomTestCase
from tests.mediation.test_access_matrix import PAGES


class TestRateLimits(RoomTestCase):
    def test_it_limits_guessing_invitation_tokens(self):
        url = reverse("mediation:invite_accept", args=["guess"])
        codes = [self.client.get(url).status_code for _ in range(ratelimit.INVITE_TOKEN.limit + 1)]
        assert codes[:-1] == [400] * ratelimit.INVITE_TOKEN.limit and codes[-1] == 429
        assert "Too many attempts" in self.client.get(url).content.decode()
        other = Client(REMOTE_ADDR="10.9.9.9")
        assert other.get(url).status_code == 400  # another address has its own budget

    @override_settings(LOCAL_MODE=False)
    def test_it_limits_password_sign_in_per_address_and_per_email(self):
        url = reverse("accounts:login")
        for _ in range(ratelimit.LOGIN.limit):
            assert self.client.post(url, {"email": "alice@example.com", "password": "nope"}).status_code == 400
        assert self.client.post(url, {"email": "alice@example.com", "password": "nope"}).status_code == 429
        elsewhere = Client(REMOTE_ADDR="10.1.1.1")
        assert elsewhere.post(url, {"email": "alice@example.com", "password": "nope"}).status_code == 429
        assert elsewhere.post(url, {"email": "rita@example.com", "password": "nope"}).status_code == 400

    def test_it_limits_login_links(self):
        url = reverse("accounts:login_link", args=["nope"])
        for _ in range(ratelimit.LOGIN_LINK.limit):
            assert self.client.post(url).status_code == 400
        assert self.client.post(url).status_code == 429
        assert self.client.get(url).status_code == 200  # showing the button is not an attempt

    def test_it_forgets_hits_outside_the_window(self):
        RateLimitHit.objects.bulk_create([RateLimitHit(key="invite:127.0.0.1") for _ in range(30)])
        RateLimitHit.objects.update(at="2020-01-01T00:00:00Z")
        assert ratelimit.attempt(ratelimit.INVITE_TOKEN, "127.0.0.1") is True
        assert RateLimitHit.objects.count() == 1  # pruned


class TestCsrf(RoomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.offer = services.offer_create(actor=cls.owner, case=cls.case, terms={"amount": "1800"}, send=True)

    def test_it_refuses_every_write_without_a_csrf_token(self):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.owner)
        kwargs = {"offer_id": self.offer.pk, "round_id": 1, "agreement_id": 1, "invitation_id": 1, "grant_id": 1,
                  "item_id": 1}
        for name, (method, _, builder) in PAGES.items():
            if method != "post":
                continue
            needed = reverse(name, kwargs={"case_id": self.case.pk, **{k: v for k, v in kwargs.items()
                                                                       if k in _kwargs(name)}} if builder else None)
            assert strict.post(needed).status_code == 403, name

    def test_it_puts_a_csrf_token_in_every_post_form(self):
        pages = [("mediation:room", {}), ("negotiation:overview", {}), ("negotiation:offer_new", {}),
                 ("negotiation:offer", {"offer_id": self.offer.pk}), ("negotiation:bids", {})]
        forms = 0
        for user in (self.owner, self.room_client, self.mediator):
            self.login(user)
            for name, kw in pages:
                response = self.client.get(reverse(name, kwargs={"case_id": self.case.pk, **kw}))
                if response.status_code != 200:
                    continue
                for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", response.content.decode(), re.S):
                    forms += 1
                    assert "csrfmiddlewaretoken" in form, (name, user, form[:200])
        assert forms >= 20


def _kwargs(name: str) -> set[str]:
    from django.urls import get_resolver

    for resolver in get_resolver().url_patterns:
        for pattern in getattr(resolver, "url_patterns", []):
            if getattr(resolver, "namespace", None) and f"{resolver.namespace}:{pattern.name}" == name:
                return set(pattern.pattern.converters)
    return set()
