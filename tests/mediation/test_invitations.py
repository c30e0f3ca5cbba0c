"""Invitations by email link: hashed at rest, single use, expiring, revocable, constant-time compared;
accepting creates the account and the grant, signs in, and admits to the room only."""

from datetime import timedelta
from unittest import mock

from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amicable.accounts.models import Grant, User
from amicable.lib.tokens import token_hash
from amicable.mediation import services
from amicable.mediation.models import Invitation
from amicable.test import BaseTestCase, make_user


class InvitationCase(BaseTestCase):
    def invite(self, email="cal@northwind.example", role="client", **kw):
        with self.captureOnCommitCallbacks(execute=True):
            return services.invitation_create(actor=self.owner, case=self.case, email=email, role=role, **kw)

    def accept_page(self, raw, **data):
        return self.client.post(reverse("mediation:invite_accept", args=[raw]), data)


class TestInvitationCreate(InvitationCase):
    def test_it_stores_only_the_hash_and_emails_the_link(self):
        issued = self.invite(message="Let us sort this out.")
        inv = Invitation.objects.get()
        assert inv.token_hash == token_hash(issued.raw_token) and issued.raw_token not in str(vars(inv))
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cal@northwind.example"]
        assert f"/invite/{issued.raw_token}/" in mail.outbox[0].body
        assert self.last_event().summary == "Invited cal@northwind.example to the room as client"
        assert issued.raw_token not in str(self.last_event().data)

    def test_it_refuses_bad_invitations_with_specific_messages(self):
        cases = [({"email": "not-an-email"}, "email", "“not-an-email” is not an email address."),
                 ({"email": "bob@example.com"}, "email",
                  "bob@example.com is a member of your workspace and already sees this case."),
                 ({"role": "judge"}, "role", "Invite as client, mediator or counsel."),
                 ({"days": 60}, "days", "An invitation link must expire after 1 to 30 days.")]
        for overrides, field, message in cases:
            kwargs = {"email": "x@example.org", "role": "client", **overrides}
            with self.assertRaises(ValidationError) as exc:
                services.invitation_create(actor=self.owner, case=self.case, **kwargs)
            assert exc.exception.message_dict == {field: [message]}

    def test_it_lets_only_editors_invite(self):
        for user in (self.readonly, self.stranger):
            with self.assertRaises(ValidationError):
                services.invitation_create(actor=user, case=self.case, email="x@example.org", role="client")

    def test_it_replaces_a_pending_invitation_to_the_same_address(self):
        first = self.invite()
        self.invite()
        assert Invitation.objects.get(token_hash=token_hash(first.raw_token)).revoked_at is not None


class TestInvitationAccept(InvitationCase):
    def test_it_creates_the_user_and_grant_and_signs_in_to_the_room(self):
        issued = self.invite()
        response = self.accept_page(issued.raw_token, display_name="Cal Client")
        assert response.status_code == 302 and response["Location"] == reverse("mediation:room", args=[self.case.pk])
        user = User.objects.get(email="cal@northwind.example")
        assert user.display_name == "Cal Client" and not user.has_usable_password()
        assert Grant.objects.get(user=user).role == "client"
        assert self.client.get(response["Location"]).status_code == 200
        assert self.client.get(reverse("cases:case_detail", args=[self.case.pk])).status_code == 404
        assert self.client.get(reverse("negotiation:overview", args=[self.case.pk])).status_code == 404

    def test_it_is_single_use(self):
        issued = self.invite()
        self.accept_page(issued.raw_token, display_name="Cal")
        self.client.logout()
        response = self.accept_page(issued.raw_token, display_name="Mallory")
        assert response.status_code == 400
        assert "This invitation link was already used." in response.content.decode()
        assert User.objects.filter(email="cal@northwind.example").count() == 1

    def test_it_rejects_an_expired_link(self):
        issued = self.invite()
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        response = self.client.get(reverse("mediation:invite_accept", args=[issued.raw_token]))
        assert response.status_code == 400 and "This invitation link expired on" in response.content.decode()
        assert not Grant.objects.exists()

    def test_it_rejects_a_revoked_link_and_keeps_nothing(self):
        issued = self.invite()
        services.invitation_revoke(actor=self.owner, invitation=issued.invitation)
        response = self.accept_page(issued.raw_token, display_name="Cal")
        assert response.status_code == 400
        assert "This invitation was withdrawn by the sender." in response.content.decode()
        assert not User.objects.filter(email="cal@northwind.example").exists()
        with self.assertRaises(ValidationError):
            services.invitation_revoke(actor=self.owner, invitation=issued.invitation)

    def test_it_rejects_an_unknown_token(self):
        response = self.client.get(reverse("mediation:invite_accept", args=["made-up-token"]))
        assert response.status_code == 400 and "This invitation link is not valid." in response.content.decode()

    def test_it_compares_the_token_in_constant_time(self):
        issued = self.invite()
        with mock.patch("amicable.mediation.services.token_matches", wraps=services.token_matches) as spy:
            services.invitation_check(issued.raw_token)
        spy.assert_called_once_with(issued.raw_token, token_hash(issued.raw_token))

    def test_it_asks_for_a_name(self):
        issued = self.invite()
        response = self.accept_page(issued.raw_token, display_name="")
        assert response.status_code == 400 and "Tell the others in the room your name." in response.content.decode()
        assert Invitation.objects.get().accepted_at is None

    def test_it_moves_a_negotiating_case_to_mediation_when_the_mediator_joins(self):
        from amicable.cases.flows import case_transition

        case_transition(actor=self.owner, case=self.case, to="negotiating")
        issued = self.invite(email="mia@mediators.example", role="mediator")
        self.accept_page(issued.raw_token, display_name="Mia")
        self.case.refresh_from_db()
        assert self.case.stage == "mediation"

    def test_it_ends_access_when_the_participant_is_removed(self):
        issued = self.invite()
        self.accept_page(issued.raw_token, display_name="Cal")
        grant = Grant.objects.get()
        services.grant_revoke(actor=self.owner, grant=grant)
        assert self.client.get(reverse("mediation:room", args=[self.case.pk])).status_code == 404


@override_settings(LOCAL_MODE=False)
class TestInvitationAcceptServerMode(InvitationCase):
    def test_it_needs_a_strong_password_for_a_new_account(self):
        issued = self.invite()
        response = self.accept_page(issued.raw_token, display_name="Cal", password="")
        assert "Choose a password" in response.content.decode()
        response = self.accept_page(issued.raw_token, display_name="Cal", password="short")
        assert "This password is too short" in response.content.decode()
        response = self.accept_page(issued.raw_token, display_name="Cal", password="plum-tree-harbour-42")
        assert response.status_code == 302
        assert User.objects.get(email="cal@northwind.example").check_password("plum-tree-harbour-42")

    def test_it_needs_the_password_of_an_existing_account(self):
        make_user("cal@northwind.example", "Cal")
        issued = self.invite()
        response = self.accept_page(issued.raw_token, password="wrong password")
        assert response.status_code == 400 and "enter its password to join" in response.content.decode()
        response = self.accept_page(issued.raw_token, password="correct horse battery staple")
        assert response.status_code == 302 and Grant.objects.filter(user__email="cal@northwind.example").exists()
