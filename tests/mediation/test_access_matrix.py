"""The access matrix: every page and API route of negotiation and the case room, for every persona.

Personas: owner, teammate, read-only member, the invited client, the invited mediator, the client of
another case, and a stranger. Allowed → 200 for pages and reads (anything but 404 for writes, which
may still refuse with a message); everyone else → 404, never a 403 that would leak the case exists.
Each request runs in a transaction that is rolled back, so one persona's write cannot change what the
next one meets.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from amicable.accounts.models import Grant
from amicable.accounts.services import api_token_create
from amicable.evidence.services import evidence_file_item
from amicable.mediation.models import Invitation, RoomItem, Session
from amicable.negotiation import services
from amicable.negotiation.models import Agreement
from tests.mediation.base import RoomTestCase, make_participant

ALL = ("owner", "teammate", "readonly", "room_client", "mediator", "other_client", "stranger")
ROOM = ("owner", "teammate", "readonly", "room_client", "mediator")
SIDE = ("owner", "teammate", "readonly")
EDIT = ("owner", "teammate")

# name: (method, allowed personas, kwargs builder). Pages first, then writes.
PAGES = {
    "negotiation:overview": ("get", SIDE, lambda t: {}),
    "negotiation:offer_new": ("get", (*EDIT, "mediator"), lambda t: {}),
    "negotiation:offer": ("get", ROOM, lambda t: {"offer_id": t.offer.pk}),
    "negotiation:offer_edit": ("get", EDIT, lambda t: {"offer_id": t.draft.pk}),
    "negotiation:offer_counter": ("get", (*EDIT, "room_client", "mediator"), lambda t: {"offer_id": t.offer.pk}),
    "negotiation:bids": ("get", ROOM, lambda t: {}),
    "negotiation:agreement_record": ("get", ("mediator",), lambda t: {}),
    "negotiation:agreement": ("get", ROOM, lambda t: {"agreement_id": t.agreement.pk}),
    "negotiation:agreement_pdf": ("get", ROOM, lambda t: {"agreement_id": t.agreement.pk}),
    "mediation:room": ("get", ROOM, lambda t: {}),
    "mediation:item": ("get", ROOM, lambda t: {"item_id": t.shared.pk}),
    "mediation:item_file": ("get", ROOM, lambda t: {"item_id": t.shared.pk}),
    "mediation:evidence_item": ("get", ROOM, lambda t: {"item_id": t.shared_evidence.pk}),
    "mediation:session_ics": ("get", ROOM, lambda t: {"session_id": t.session.pk}),
    "mediation:audit": ("get", SIDE, lambda t: {}),
    "mediation:notifications": ("get", ALL, None),
    # writes
    "negotiation:calculator_save": ("post", EDIT, lambda t: {}),
    "negotiation:offer_send": ("post", EDIT, lambda t: {"offer_id": t.draft.pk}),
    "negotiation:offer_accept": ("post", (*EDIT, "room_client"), lambda t: {"offer_id": t.offer.pk}),
    "negotiation:offer_reject": ("post", (*EDIT, "room_client"), lambda t: {"offer_id": t.offer.pk}),
    "negotiation:offer_withdraw": ("post", (*EDIT, "room_client", "mediator"), lambda t: {"offer_id": t.offer.pk}),
    "negotiation:bid_open": ("post", (*EDIT, "room_client"), lambda t: {}),
    "negotiation:bid_enter": ("post", (*EDIT, "room_client"), lambda t: {"round_id": t.bid_round.pk}),
    "negotiation:agreement_accept": ("post", (*EDIT, "room_client"), lambda t: {"agreement_id": t.agreement.pk}),
    "negotiation:agreement_decline": ("post", (*EDIT, "room_client"), lambda t: {"agreement_id": t.agreement.pk}),
    "mediation:invite": ("post", EDIT, lambda t: {}),
    "mediation:invitation_revoke": ("post", EDIT, lambda t: {"invitation_id": t.invitation.pk}),
    "mediation:participant_remove": ("post", EDIT, lambda t: {"grant_id": t.counsel_grant.pk}),
    "mediation:item_add": ("post", (*EDIT, "room_client", "mediator"), lambda t: {}),
    "mediation:item_visibility": ("post", EDIT, lambda t: {"item_id": t.shared.pk}),
    "mediation:note_add": ("post", ("mediator",), lambda t: {}),
    "mediation:session_add": ("post", (*EDIT, "mediator"), lambda t: {}),
    "mediation:mute": ("post", ROOM, lambda t: {}),
    "mediation:notifications_read": ("post", ALL, None),
}
# Token pages are not case pages: tested in test_invitations.py.
NOT_IN_MATRIX = {"mediation:invite_accept"}

C = "/api/cases/{case}"
API = [
    ("get", C + "/settlement", SIDE, None),
    ("get", C + "/options", SIDE, None),
    ("get", C + "/offers", ROOM, None),
    ("post", C + "/offers", (*EDIT, "mediator"), {"terms": {"amount": "900"}}),
    ("get", C + "/offers/{offer}", ROOM, None),
    ("post", C + "/offers/{draft}/send", EDIT, {}),
    ("post", C + "/offers/{offer}/accept", (*EDIT, "room_client"), {}),
    ("post", C + "/offers/{offer}/reject", (*EDIT, "room_client"), {"note": ""}),
    ("post", C + "/offers/{offer}/counter", (*EDIT, "room_client", "mediator"), {"terms": {"amount": "1000"}}),
    ("post", C + "/offers/{offer}/withdraw", (*EDIT, "room_client", "mediator"), {}),
    ("get", C + "/bid-rounds", ROOM, None),
    ("post", C + "/bid-rounds", (*EDIT, "room_client"), {"gap_percent": "10"}),
    ("post", C + "/bid-rounds/{round}/figure", (*EDIT, "room_client"), {"figure": "2000"}),
    ("get", C + "/agreements/{agreement}", ROOM, None),
    ("post", C + "/agreements/{agreement}/accept", (*EDIT, "room_client"), {}),
    ("get", C + "/room", ROOM, None),
    ("get", C + "/room/items/{item}", ROOM, None),
    ("post", C + "/room/invitations", EDIT, {"email": "x@example.org", "role": "client"}),
    ("get", C + "/room/invitations", SIDE, None),
    ("post", C + "/room/invitations/{invitation}/revoke", EDIT, {}),
    ("get", "/api/notifications", ALL, None),
    ("post", "/api/notifications/read", ALL, {}),
]


class TestAccessMatrix(RoomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.offer = services.offer_create(actor=cls.owner, case=cls.case, terms={"amount": "1800"}, send=True)
        cls.draft = services.offer_create(actor=cls.owner, case=cls.case, terms={"amount": "1700"})
        cls.bid_round = services.bid_round_open(actor=cls.owner, case=cls.case)
        cls.agreement = Agreement.objects.create(case=cls.case, source="mediator", recorded_by=cls.mediator,
                                                 terms={"amount": "1500.00", "currency": "EUR"}, status="agreed",
                                                 agreed_at=timezone.now(), pdf=b"%PDF-1.4 test", pdf_sha256="0" * 64)
        cls.shared = RoomItem.objects.create(case=cls.case, title="Brief", body="b", visibility="shared",
                                             added_by=cls.owner, file_name="brief.txt", file_data=b"brief")
        cls.private = RoomItem.objects.create(case=cls.case, title="Private", body="p", added_by=cls.owner)
        cls.mediator_only = RoomItem.objects.create(case=cls.case, title="For the mediator", body="m",
                                                    visibility="mediator_only", added_by=cls.owner)
        cls.shared_evidence = evidence_file_item(actor=cls.owner, case=cls.case, kind="email", subject="Shared",
                                                 visibility="shared")
        start = timezone.now() + timedelta(days=2)
        cls.session = Session.objects.create(case=cls.case, title="Call", starts_at=start,
                                             ends_at=start + timedelta(hours=1), created_by=cls.mediator)
        cls.invitation = Invitation.objects.create(case=cls.case, email="new@example.org", role="client",
                                                   token_hash="f" * 64, created_by=cls.owner,
                                                   expires_at=timezone.now() + timedelta(days=3))
        cls.counsel_grant = Grant.objects.create(case=cls.case, user=make_participant("counsel@example.org", "Con"),
                                               role="counsel")
        cls.tokens = {name: api_token_create(user=getattr(cls, name), name="matrix").raw for name in ALL}

    def isolated(self, call):
        with transaction.atomic():
            response = call()
            transaction.set_rollback(True)
        return response

    def check(self, label, persona, method, allowed, response):
        code = response.status_code
        if persona not in allowed:
            assert code == 404, f"{label} as {persona}: {code}, expected 404"
        elif method == "get":
            assert code == 200, f"{label} as {persona}: {code}, expected 200"
        else:
            assert code not in (404, 403, 405) and code < 500, f"{label} as {persona}: {code}"

    def test_it_lists_every_page_of_both_apps(self):
        names = set()
        for resolver in get_resolver().url_patterns:
            if getattr(resolver, "namespace", None) in ("negotiation", "mediation"):
                names |= {f"{resolver.namespace}:{p.name}" for p in resolver.url_patterns
                          if isinstance(p, URLPattern)}
        assert names == set(PAGES) | NOT_IN_MATRIX

    def test_it_allows_only_the_right_personas_on_every_page(self):
        for name, (method, allowed, kwargs) in PAGES.items():
            url = reverse(name, kwargs={"case_id": self.case.pk, **kwargs(self)} if kwargs else None)
            for persona in ALL:
                self.login(getattr(self, persona))
                response = self.isolated(lambda u=url, m=method: getattr(self.client, m)(u))
                self.check(name, persona, method, allowed, response)

    def test_it_scopes_item_visibility(self):
        expected = {"private": SIDE, "mediator_only": (*SIDE, "mediator")}
        for attr, allowed in expected.items():
            url = reverse("mediation:item", args=[self.case.pk, getattr(self, attr).pk])
            for persona in ALL:
                self.login(getattr(self, persona))
                self.check(f"item {attr}", persona, "get", allowed, self.client.get(url))

    def test_it_allows_only_the_right_personas_on_every_api_route(self):
        ids = {"case": self.case.pk, "offer": self.offer.pk, "draft": self.draft.pk, "round": self.bid_round.pk,
               "agreement": self.agreement.pk, "item": self.shared.pk, "invitation": self.invitation.pk}
        for method, path, allowed, body in API:
            url = path.format(**ids)
            for persona in ALL:
                headers = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[persona]}"}
                def call(u=url, m=method, b=body, h=headers):
                    if m == "post":
                        return self.client.post(u, data=b, content_type="application/json", **h)
                    return self.client.get(u, **h)

                self.check(f"{method.upper()} {path}", persona, method, allowed, self.isolated(call))

    def test_it_covers_every_api_route_of_both_apps(self):
        from amicable.mediation.api import router as room_router
        from amicable.negotiation.api import router as negotiation_router

        declared = {(m.lower(), "/api" + path) for r in (negotiation_router, room_router)
                    for path, view in r.path_operations.items() for op in view.operations for m in op.methods}
        covered = {(m, p.replace("{case}", "{case_id}").replace("{offer}", "{offer_id}")
                    .replace("{draft}", "{offer_id}").replace("{round}", "{round_id}")
                    .replace("{agreement}", "{agreement_id}").replace("{item}", "{item_id}")
                    .replace("{invitation}", "{invitation_id}")) for m, p, _, _ in API}
        assert declared == covered

    def test_it_hides_other_cases_objects_even_with_a_valid_case(self):
        """The client of another case cannot reach this case's offer through their own case's URL."""
        self.login(self.other_client)
        url = reverse("negotiation:offer", args=[self.stranger_case.pk, self.offer.pk])
        assert self.client.get(url).status_code == 404
