"""Offers and counter-offers: drafts, sending, immutability, responses, expiry, and the thread."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from amicable.cases.flows import case_transition
from amicable.negotiation import services
from amicable.negotiation.models import Agreement, Offer
from tests.mediation.base import RoomTestCase


def terms(amount="1800", **extra):
    return {"amount": amount, "currency": "EUR", **extra}


class OfferTestCase(RoomTestCase):
    def send(self, amount="1800", actor=None, **kw):
        return services.offer_create(actor=actor or self.owner, case=self.case, terms=terms(amount), send=True,
                                     message="Let us settle this.", **kw)

    def messages(self, exc):
        return [m for msgs in exc.exception.message_dict.values() for m in msgs]


class TestOfferDraftAndSend(OfferTestCase):
    def test_it_drafts_then_sends_with_events_and_notifications(self):
        offer = services.offer_create(actor=self.owner, case=self.case, terms=terms(), message="Proposal")
        assert offer.status == "draft" and offer.from_party == "freelancer" and offer.sent_at is None
        assert self.last_event().kind == "negotiation.offer_drafted"
        services.offer_send(actor=self.teammate, offer=offer)
        offer.refresh_from_db()
        assert offer.status == "sent" and offer.sent_at and len(offer.content_hash) == 64
        event = self.case.events.get(kind="negotiation.offer_sent")
        assert event.data["room"] is True and event.data["offer_id"] == offer.pk
        assert event.summary == "The freelancer sent an offer: EUR 1,800.00"
        notified = set(self.room_client.notifications.values_list("kind", flat=True))
        assert notified == {"proposal"} and not self.teammate.notifications.exists()

    def test_it_refuses_bad_terms_with_specific_messages(self):
        bad = {"amount": "-5", "currency": "USD", "instalments": [{"amount": "1", "due": "2020-01-01"}]}
        with self.assertRaises(ValidationError) as exc:
            services.offer_create(actor=self.owner, case=self.case, terms=bad)
        errors = exc.exception.message_dict
        assert errors["terms.amount"] == ["The amount cannot be negative."]
        assert "needs an exchange rate" in errors["terms.currency"][0]
        assert errors["terms.instalments[0].due"] == ["2020-01-01 is in the past; choose today or a later date."]
        assert not Offer.objects.exists()

    def test_it_refuses_an_expiry_in_the_past_and_a_closed_case(self):
        with self.assertRaises(ValidationError) as exc:
            services.offer_create(actor=self.owner, case=self.case, terms=terms(),
                                  expires_at=timezone.now() - dt.timedelta(hours=1))
        assert exc.exception.message_dict["expires_at"] == ["The expiry is in the past; choose a later date."]
        case_transition(actor=self.owner, case=self.case, to="closed", outcome="written_off")
        self.case.refresh_from_db()
        with self.assertRaises(ValidationError) as exc:
            self.send()
        assert "This case is closed" in self.messages(exc)[0]

    def test_it_refuses_offers_from_readonly_and_client(self):
        for user in (self.readonly, self.room_client):
            with self.assertRaises(ValidationError):
                services.offer_create(actor=user, case=self.case, terms=terms())

    def test_it_never_changes_a_sent_offer(self):
        offer = self.send()
        with self.assertRaises(ValidationError) as exc:
            services.offer_update_draft(actor=self.owner, offer=offer, terms=terms("10"))
        assert "A sent offer cannot change" in self.messages(exc)[0]

    def test_it_guards_sent_offers_in_the_database_too(self):
        offer = self.send()
        with self.assertRaises(IntegrityError), transaction.atomic():
            Offer.objects.filter(pk=offer.pk).update(terms=terms("1"))
        with self.assertRaises(IntegrityError), transaction.atomic():
            Offer.objects.filter(pk=offer.pk).update(status="draft")
        offer.refresh_from_db()
        assert offer.terms["amount"] == "1800.00" and offer.status == "sent"


class TestOfferResponses(OfferTestCase):
    def test_it_lets_the_client_counter_and_keeps_the_thread(self):
        first = self.send()
        counter = services.offer_counter(actor=self.room_client, offer=first, terms=terms("1200"), message="Less")
        first.refresh_from_db()
        assert first.status == "countered" and first.responded_by == self.room_client
        assert counter.status == "sent" and counter.from_party == "client" and counter.parent == first
        assert counter.thread_root_id == first.pk
        again = services.offer_counter(actor=self.owner, offer=counter, terms=terms("1500"))
        assert again.thread_root_id == first.pk
        event = self.case.events.filter(kind="negotiation.offer_countered").first()
        assert event.summary == "The freelancer countered with EUR 1,500.00" and event.data["offer_id"] == again.pk

    def test_it_refuses_to_accept_a_superseded_offer(self):
        first = self.send()
        services.offer_counter(actor=self.room_client, offer=first, terms=terms("1200"))
        with self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.room_client, offer=first)
        assert self.messages(exc) == [
            "This offer was superseded by a counter-offer; respond to the latest offer in the thread."]

    def test_it_refuses_to_accept_an_expired_offer_and_marks_it(self):
        offer = self.send(expires_at=timezone.now() + dt.timedelta(hours=1))
        later = timezone.now() + dt.timedelta(hours=2)  # the trigger forbids moving the expiry: move time
        with _frozen(later), self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.room_client, offer=offer)
        assert "This offer expired on" in self.messages(exc)[0]
        offer.refresh_from_db()
        assert offer.status == "expired" and not Agreement.objects.exists()

    def test_it_refuses_answering_your_own_offer(self):
        offer = self.send()
        with self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.teammate, offer=offer)
        assert "your own side's offer" in self.messages(exc)[0]

    def test_it_turns_an_accepted_offer_into_an_agreed_agreement_with_both_acceptances(self):
        offer = self.send()
        agreement = services.offer_accept(actor=self.room_client, offer=offer)
        offer.refresh_from_db()
        assert offer.status == "accepted"
        assert agreement.status == "agreed" and agreement.pdf_sha256 and len(agreement.fingerprint) == 64
        assert [(a.party, a.user) for a in agreement.acceptances.all()] == [
            ("freelancer", self.owner), ("client", self.room_client)]
        kinds = list(self.case.events.filter(kind__startswith="negotiation.").order_by("pk")
                     .values_list("kind", flat=True))
        assert kinds[-4:] == ["negotiation.agreement_accepted", "negotiation.agreement_accepted",
                              "negotiation.agreement_agreed", "negotiation.offer_accepted"]

    def test_it_accepts_once_and_explains_the_second_time(self):
        offer = self.send()
        services.offer_accept(actor=self.room_client, offer=offer)
        with self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.room_client, offer=offer)
        assert self.messages(exc) == ["This offer was already accepted."]
        assert Offer.objects.filter(status="accepted").count() == 1

    def test_it_closes_other_open_offers_when_one_is_accepted(self):
        a = self.send("1800")
        b = services.offer_create(actor=self.mediator, case=self.case, terms=terms("1500"), send=True)
        services.offer_accept(actor=self.room_client, offer=a)
        b.refresh_from_db()
        assert b.status == "withdrawn" and "another offer was accepted" in b.response_note

    def test_it_needs_both_parties_for_a_mediator_proposal(self):
        proposal = services.offer_create(actor=self.mediator, case=self.case, terms=terms("1500"), send=True)
        agreement = services.offer_accept(actor=self.room_client, offer=proposal)
        assert agreement.status == "pending"
        agreement = services.agreement_accept(actor=self.owner, agreement=agreement)
        assert agreement.status == "agreed"
        with self.assertRaises(ValidationError):
            services.agreement_accept(actor=self.owner, agreement=agreement)

    def test_it_lets_the_sender_withdraw_and_not_the_other_side(self):
        offer = self.send()
        with self.assertRaises(ValidationError):
            services.offer_withdraw(actor=self.room_client, offer=offer)
        services.offer_withdraw(actor=self.owner, offer=offer)
        offer.refresh_from_db()
        assert offer.status == "withdrawn"
        with self.assertRaises(ValidationError) as exc:
            services.offer_reject(actor=self.room_client, offer=offer)
        assert self.messages(exc) == ["This offer was withdrawn by the side that sent it."]

    def test_it_expires_and_warns_in_the_tick(self):
        soon = self.send(expires_at=timezone.now() + dt.timedelta(hours=3))
        result = services.offers_tick()
        assert result == {"expired": 0, "warned": 2}  # client and mediator; never the author
        assert services.offers_tick() == {"expired": 0, "warned": 0}  # once per offer and person
        assert services.offers_tick(now=timezone.now() + dt.timedelta(hours=4))["expired"] == 1
        soon.refresh_from_db()
        assert soon.status == "expired"


class _frozen:
    """Shift timezone.now() in the services (a tiny stand-in for a time-freezing library)."""

    def __init__(self, when):
        self.when = when

    def __enter__(self):
        from unittest import mock

        self.patch = mock.patch("django.utils.timezone.now", return_value=self.when)
        self.patch.start()

    def __exit__(self, *exc):
        self.patch.stop()


class TestStageMoves(OfferTestCase):
    def test_it_moves_the_case_to_negotiating_when_an_offer_is_sent(self):
        assert self.case.stage == "intake"
        self.send()
        self.case.refresh_from_db()
        assert self.case.stage == "negotiating"
        assert self.case.events.filter(kind="case.stage_changed", data__to="negotiating").exists()

    def test_it_never_moves_a_case_backwards(self):
        case_transition(actor=self.owner, case=self.case, to="negotiating")
        case_transition(actor=self.owner, case=self.case, to="mediation")
        self.case.refresh_from_db()
        self.send()
        self.case.refresh_from_db()
        assert self.case.stage == "mediation"
