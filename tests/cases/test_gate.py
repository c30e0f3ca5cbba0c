from django.http import Http404

from amicable.accounts.models import Grant
from amicable.cases.selectors import case_for_user, cases_visible_to, client_for_user, engagement_for_user
from amicable.test import BaseTestCase


class TestGate(BaseTestCase):
    def test_it_lets_each_member_role_view(self):
        for user in (self.owner, self.teammate, self.readonly):
            assert case_for_user(user, self.case.pk) == self.case

    def test_it_hides_other_workspaces_as_404(self):
        with self.assertRaises(Http404):
            case_for_user(self.stranger, self.case.pk)
        with self.assertRaises(Http404):
            client_for_user(self.stranger, self.counterparty.pk)
        with self.assertRaises(Http404):
            engagement_for_user(self.stranger, self.engagement.pk)
        assert list(cases_visible_to(self.stranger)) == [self.stranger_case]

    def test_it_refuses_edit_to_readonly_and_own_to_member(self):
        with self.assertRaises(Http404):
            case_for_user(self.readonly, self.case.pk, need="edit")
        with self.assertRaises(Http404):
            case_for_user(self.teammate, self.case.pk, need="own")
        assert case_for_user(self.teammate, self.case.pk, need="edit") == self.case

    def test_it_admits_grant_holders_only_to_the_room(self):
        Grant.objects.create(case=self.case, user=self.stranger, role=Grant.Role.CLIENT)
        assert case_for_user(self.stranger, self.case.pk, need="room") == self.case
        with self.assertRaises(Http404):
            case_for_user(self.stranger, self.case.pk, need="view")

    def test_it_drops_revoked_grants(self):
        from django.utils import timezone

        Grant.objects.create(case=self.case, user=self.stranger, role=Grant.Role.CLIENT, revoked_at=timezone.now())
        with self.assertRaises(Http404):
            case_for_user(self.stranger, self.case.pk, need="room")

    def test_it_treats_garbage_ids_as_404(self):
        for bad in ("abc", None, 10**12):
            with self.assertRaises(Http404):
                case_for_user(self.owner, bad)

    def test_it_hides_everything_from_inactive_users(self):
        self.owner.is_active = False
        self.owner.save()
        with self.assertRaises(Http404):
            case_for_user(self.owner, self.case.pk)
