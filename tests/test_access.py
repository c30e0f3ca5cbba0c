"""Generated from the URL conf: every page that names an object answers 404 to a stranger.

A new URL kwarg with no factory below (or in an app's `testing.py` URL_KWARGS) fails on purpose, so no
route ships without this check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from amicable.accounts.services import api_token_create
from amicable.discovery import app_modules
from amicable.test import BaseTestCase

# Pages that are public or show only the signed-in user's own things (no object in the URL).
OPEN_WITHOUT_KWARGS = "no object in the URL: shows only what the user can see"
# Public by design: the login link holds its own secret.
PUBLIC_WITH_KWARGS = {"accounts:login_link", "mediation:invite_accept"}

KWARG_RE = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>\w+)>")


def _walk(patterns: list[object], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("api/"):
                continue  # the API has its own generated test (tests/test_api_access.py)
            child_ns = f"{ns}{p.namespace}:" if p.namespace else ns
            yield from _walk(p.url_patterns, prefix + str(p.pattern), child_ns)
        elif isinstance(p, URLPattern):
            yield f"{ns}{p.name}", prefix + str(p.pattern)


def all_routes() -> list[tuple[str, str]]:
    return list(_walk(get_resolver().url_patterns))


class TestStrangerGets404Everywhere(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from amicable.cases import services

        cls.milestone = services.milestone_add(actor=cls.owner, engagement=cls.engagement, title="Design", amount="800")
        cls.deadline = services.deadline_add(actor=cls.owner, case=cls.case, what="Reply", due_at=cls.future(3))
        cls.api_token = api_token_create(user=cls.owner, name="script").token

    def factories(self) -> dict[str, Callable[[BaseTestCase], object]]:
        table: dict[str, Callable[[BaseTestCase], object]] = {
            "case_id": lambda t: t.case.pk, "client_id": lambda t: t.counterparty.pk,
            "engagement_id": lambda t: t.engagement.pk, "milestone_id": lambda t: t.milestone.pk,
            "invoice_id": lambda t: t.invoice.pk, "deadline_id": lambda t: t.deadline.pk,
            "token_id": lambda t: t.api_token.pk,
            "workspace_id": lambda t: t.workspace.pk,
            "membership_id": lambda t: t.owner.memberships.get().pk,
        }
        for _app, module in app_modules("testing"):
            table.update(getattr(module, "URL_KWARGS", {}))
        return table

    def fill(self, route: str) -> str:
        table = self.factories()

        def value(match: re.Match[str]) -> str:
            name = match.group("name")
            assert name in table, f"URL kwarg <{name}> has no factory: add it to URL_KWARGS in the app's testing.py"
            return str(table[name](self))

        return "/" + KWARG_RE.sub(value, route).lstrip("^").rstrip("$")

    def test_it_covers_every_route(self):
        routes = all_routes()
        assert len(routes) > 20
        for name, route in routes:
            if KWARG_RE.search(route) and name not in PUBLIC_WITH_KWARGS:
                self.fill(route)  # raises for a kwarg without a factory

    def test_it_answers_404_to_a_stranger_on_every_object_page(self):
        self.login(self.stranger)
        checked = 0
        for name, route in all_routes():
            if not KWARG_RE.search(route) or name in PUBLIC_WITH_KWARGS:
                continue
            url = self.fill(route)
            for method in ("get", "post"):
                response = getattr(self.client, method)(url)
                if method == "get" and response.status_code == 405:
                    # POST-only route: a 405 leaks nothing only if the owner gets the very same answer.
                    self.login(self.owner)
                    assert self.client.get(url).status_code == 405, url
                    self.login(self.stranger)
                    continue
                assert response.status_code == 404, f"{method.upper()} {url} ({name}) gave {response.status_code}"
            checked += 1
        assert checked >= 15

    def test_it_sends_anonymous_visitors_to_login(self):
        for name, route in all_routes():
            if name in PUBLIC_WITH_KWARGS or name.startswith("accounts:") or "invite" in route:
                continue
            url = self.fill(route) if KWARG_RE.search(route) else "/" + route
            response = self.client.get(url)
            assert response.status_code in (302, 404), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/login/"), url
