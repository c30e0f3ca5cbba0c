from django.test import override_settings
from django.urls import reverse

from amicable.accounts.models import Membership
from amicable.test import BaseTestCase, make_user


@override_settings(LOCAL_MODE=False)
class TestMembers(BaseTestCase):
    def test_it_lets_an_owner_add_an_existing_account_with_a_role(self):
        newcomer = make_user("nina@example.com")
        self.login(self.owner)
        response = self.client.post(reverse("accounts:member_add", args=[self.workspace.pk]),
                                    {"member-email": "NINA@example.com", "member-role": "readonly"})
        assert response.status_code == 302
        assert Membership.objects.get(user=newcomer, workspace=self.workspace).role == "readonly"

    def test_it_explains_unknown_and_duplicate_members(self):
        self.login(self.owner)
        response = self.client.post(reverse("accounts:member_add", args=[self.workspace.pk]),
                                    {"member-email": "ghost@example.com", "member-role": "member"})
        assert response.status_code == 400 and "ask them to sign up first" in response.content.decode()
        response = self.client.post(reverse("accounts:member_add", args=[self.workspace.pk]),
                                    {"member-email": "bob@example.com", "member-role": "member"})
        assert "already a member" in response.content.decode()

    def test_it_hides_member_management_from_non_owners(self):
        self.login(self.teammate)
        response = self.client.post(reverse("accounts:member_add", args=[self.workspace.pk]),
                                    {"member-email": "sam@example.com", "member-role": "owner"})
        assert response.status_code == 404
        membership = Membership.objects.get(user=self.readonly)
        assert self.client.post(reverse("accounts:member_remove", args=[membership.pk])).status_code == 404
        assert Membership.objects.filter(pk=membership.pk).exists()

    def test_it_removes_members_but_keeps_the_last_owner(self):
        self.login(self.owner)
        membership = Membership.objects.get(user=self.readonly)
        self.client.post(reverse("accounts:member_remove", args=[membership.pk]))
        assert not Membership.objects.filter(pk=membership.pk).exists()
        own = Membership.objects.get(user=self.owner, workspace=self.workspace)
        self.client.post(reverse("accounts:member_remove", args=[own.pk]))
        assert Membership.objects.filter(pk=own.pk).exists()

    def test_it_switches_the_current_workspace(self):
        Membership.objects.create(workspace=self.stranger_workspace, user=self.owner, role="member")
        self.login(self.owner)
        self.client.post(reverse("accounts:workspace_switch"), {"workspace_id": self.stranger_workspace.pk})
        self.client.post(reverse("cases:client_new"), {"name": "In the other workspace"})
        from amicable.cases.models import Client

        assert Client.objects.get(name="In the other workspace").workspace == self.stranger_workspace
        response = self.client.post(reverse("accounts:workspace_switch"), {"workspace_id": 999999})
        assert response.status_code == 404
