from amicable.cases.models import Case, Client, Engagement, Invoice
from amicable.cases.services import engagement_create, invoice_add

from .base import ApiTestCase


class TestClientsApi(ApiTestCase):
    def test_it_lists_only_clients_of_my_workspaces(self):
        response = self.call("get", "/clients")
        assert response.status_code == 200
        assert [c["name"] for c in response.json()] == ["Northwind Studio"]
        assert [c["name"] for c in self.call("get", "/clients", user=self.stranger).json()] == ["Other Client"]

    def test_it_creates_a_client_in_my_workspace(self):
        response = self.call("post", "/clients", {"name": "  Acme GmbH ", "email": "ap@acme.example",
                                                  "country": "de"})
        assert response.status_code == 201
        body = response.json()
        client = Client.objects.get(pk=body["id"])
        assert (client.name, client.country, client.workspace) == ("Acme GmbH", "DE", self.workspace)
        assert body["workspace_id"] == self.workspace.pk and body["created_at"].endswith("Z")

    def test_it_lets_a_teammate_create_but_not_a_readonly_member(self):
        assert self.call("post", "/clients", {"name": "Beta"}, user=self.teammate).status_code == 201
        response = self.call("post", "/clients", {"name": "Gamma"}, user=self.readonly)
        self.assert_error(response, 403, "workspace_id", "read-only")
        assert not Client.objects.filter(name="Gamma").exists()

    def test_it_refuses_a_workspace_i_cannot_edit_as_404(self):
        response = self.call("post", "/clients", {"name": "Sneaky", "workspace_id": self.workspace.pk},
                             user=self.stranger)
        assert response.status_code == 404
        assert not Client.objects.filter(name="Sneaky").exists()

    def test_it_explains_bad_client_input(self):
        self.assert_error(self.call("post", "/clients", {"name": "  "}), 400, "name", "name")
        self.assert_error(self.call("post", "/clients", {"name": "X", "country": "D1"}), 400, "country")
        self.assert_error(self.call("post", "/clients", {"name": "X", "email": "nope"}), 422, "email", "email")
        self.assert_error(self.call("post", "/clients", {"name": 12}), 422, "name")
        self.assert_error(self.call("post", "/clients", {"nmae": "X"}), 422, "nmae")
        self.assert_error(self.call("post", "/clients", {}), 422, "name")
        self.assert_error(self.call("post", "/clients", raw="{not json"), 400, "body", "not valid JSON")
        self.assert_error(self.call("post", "/clients", ["name"]), 422, None)
        assert Client.objects.count() == 2

    def test_it_updates_only_the_fields_sent(self):
        response = self.call("patch", f"/clients/{self.counterparty.pk}", {"notes": "Pays late", "phone": None})
        assert response.status_code == 200
        self.counterparty.refresh_from_db()
        assert (self.counterparty.notes, self.counterparty.phone) == ("Pays late", "")
        assert (self.counterparty.name, self.counterparty.email) == ("Northwind Studio", "ap@example.com")

    def test_it_hides_clients_from_readonly_writes_and_strangers(self):
        assert self.call("get", f"/clients/{self.counterparty.pk}", user=self.readonly).status_code == 200
        assert self.call("patch", f"/clients/{self.counterparty.pk}", {"notes": "x"},
                         user=self.readonly).status_code == 404
        assert self.call("get", f"/clients/{self.counterparty.pk}", user=self.stranger).status_code == 404
        self.counterparty.refresh_from_db()
        assert self.counterparty.notes == ""

    def test_it_refuses_to_delete_a_client_with_cases(self):
        response = self.call("delete", f"/clients/{self.counterparty.pk}")
        self.assert_error(response, 409, "cases", "close them")
        assert Client.objects.filter(pk=self.counterparty.pk).exists()

    def test_it_deletes_a_client_without_cases_with_its_engagements(self):
        client = Client.objects.create(workspace=self.workspace, name="Gone Ltd")
        engagement = engagement_create(actor=self.owner, client=client, title="Logo", currency="EUR")
        invoice_add(actor=self.owner, engagement=engagement, number="G-1", amount="100",
                    issue_date=self.case.opened_at.date(), due_date=self.case.opened_at.date())
        assert self.call("delete", f"/clients/{client.pk}", user=self.stranger).status_code == 404
        response = self.call("delete", f"/clients/{client.pk}")
        assert response.status_code == 204
        assert not Client.objects.filter(pk=client.pk).exists()
        assert not Engagement.objects.filter(pk=engagement.pk).exists()
        assert not Invoice.objects.filter(number="G-1").exists()
        assert Case.objects.count() == 2
