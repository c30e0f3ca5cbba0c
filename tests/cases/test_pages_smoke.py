from django.urls import reverse

from amicable.test import BaseTestCase


class TestPagesRender(BaseTestCase):
    def test_it_renders_every_owner_page(self):
        self.login(self.owner)
        c, e = self.case, self.engagement
        urls = [reverse("cases:dashboard"), reverse("cases:case_list"), reverse("cases:case_list") + "?show=closed",
                reverse("cases:client_list"), reverse("cases:client_new"),
                reverse("cases:client_detail", args=[self.counterparty.pk]),
                reverse("cases:client_edit", args=[self.counterparty.pk]), reverse("cases:engagement_list"),
                reverse("cases:engagement_new"), reverse("cases:engagement_detail", args=[e.pk]),
                reverse("cases:engagement_edit", args=[e.pk]), reverse("cases:case_new"),
                reverse("cases:case_detail", args=[c.pk]), reverse("cases:intake", args=[c.pk]),
                reverse("cases:intake_suggest", args=[c.pk]) + "?client_says=you+never+paid",
                reverse("cases:deadlines_ics", args=[c.pk]), reverse("accounts:settings")]
        for url in urls:
            response = self.client.get(url)
            assert response.status_code == 200, (url, response.status_code)
