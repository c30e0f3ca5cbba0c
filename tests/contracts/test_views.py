from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amicable.contracts import services
from amicable.contracts.models import Contract
from amicable.test import BaseTestCase

from . import samples


class TestUploadPage(BaseTestCase):
    def url(self):
        return reverse("contracts:contract_list", args=[self.engagement.pk])

    def test_it_uploads_and_shows_the_outline(self):
        self.login(self.owner)
        response = self.client.post(self.url(), {"file": SimpleUploadedFile("c.md", samples.as_markdown())})
        contract = Contract.objects.get()
        assert response.status_code == 302
        page = self.client.get(response["Location"]).content.decode()
        assert "<details data-clause" in page and "ctype-late_payment" in page
        assert "Triggered by:" in page and "Health check" in page
        assert "Invoices are due 14 days after issue (clause 3.2)." in page
        assert contract.version == 1

    def test_it_explains_an_encrypted_pdf_and_keeps_it(self):
        self.login(self.owner)
        response = self.client.post(self.url(), {"file": SimpleUploadedFile("x.pdf", samples.as_pdf(encrypt=True))},
                                    follow=True)
        contract = Contract.objects.get()
        assert contract.status == "unreadable"
        assert "password-protected" in response.content.decode()
        assert self.client.get(reverse("contracts:contract_file", args=[self.engagement.pk, contract.pk])
                               ).status_code == 200

    def test_it_says_a_scanned_pdf_needs_ocr(self):
        from amicable.contracts import extract

        self.login(self.owner)
        original = extract._ocr_pdf
        extract._ocr_pdf = lambda pdf: None
        try:
            response = self.client.post(self.url(), {"file": SimpleUploadedFile("s.pdf", samples.scanned_pdf())},
                                        follow=True)
        finally:
            extract._ocr_pdf = original
        assert "looks scanned" in response.content.decode() and "OCR" in response.content.decode()

    def test_it_says_when_a_file_is_not_a_contract(self):
        self.login(self.owner)
        recipe = (b"Lemon cake. You need three eggs, two hundred grams of flour, a lemon and sugar. Beat the eggs "
                  b"with the sugar until pale, fold in the flour and the zest, then bake for forty minutes.")
        response = self.client.post(self.url(), {"file": SimpleUploadedFile("cake.txt", recipe)}, follow=True)
        assert "does not read like a contract" in response.content.decode()

    def test_it_requires_a_file(self):
        self.login(self.owner)
        response = self.client.post(self.url(), {})
        assert response.status_code == 400 and not Contract.objects.exists()

    def test_it_lets_readonly_members_read_but_not_upload(self):
        services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_markdown(),
                                 filename="c.md")
        self.login(self.readonly)
        assert self.client.get(self.url()).status_code == 200
        response = self.client.post(self.url(), {"file": SimpleUploadedFile("c.md", samples.as_markdown())})
        assert response.status_code == 404 and Contract.objects.count() == 1

    def test_it_hides_everything_from_a_stranger(self):
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement,
                                            upload=samples.as_markdown(), filename="c.md")
        self.login(self.stranger)
        for name, args in [("contract_list", [self.engagement.pk]), ("deal_edit", [self.engagement.pk]),
                           ("contract_detail", [self.engagement.pk, contract.pk]),
                           ("contract_file", [self.engagement.pk, contract.pk]), ("case_contract", [self.case.pk])]:
            assert self.client.get(reverse(f"contracts:{name}", args=args)).status_code == 404, name
        response = self.client.post(self.url(), {"file": SimpleUploadedFile("c.md", samples.as_markdown())})
        assert response.status_code == 404 and Contract.objects.count() == 1

    def test_it_refuses_a_post_without_csrf(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        response = client.post(self.url(), {"file": SimpleUploadedFile("c.md", samples.as_markdown())})
        assert response.status_code == 403 and not Contract.objects.exists()


class TestOutlineSearch(BaseTestCase):
    def test_it_filters_clauses_by_text_or_type(self):
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement,
                                            upload=samples.as_markdown(), filename="c.md")
        self.login(self.owner)
        url = reverse("contracts:contract_detail", args=[self.engagement.pk, contract.pk])
        page = self.client.get(url, {"q": "kill fee"}).content.decode()
        assert page.count("<details data-clause") == 1
        assert "Cite as clause 4.2" in page and "1 of 18 clauses match" in page
        page = self.client.get(url, {"q": "governing law"}).content.decode()
        assert "Cite as clause 6.1" in page


class TestDealPage(BaseTestCase):
    def test_it_records_the_deal_from_the_form(self):
        self.login(self.owner)
        url = reverse("contracts:deal_edit", args=[self.engagement.pk])
        response = self.client.post(url, {"source": "by email", "payment_due_days": "14", "late_fee_rate": "1.5",
                                          "late_fee_period": "month", "ip_on_full_payment": "yes",
                                          "dispute_methods": ["negotiation", "courts"]})
        contract = Contract.objects.get()
        assert response.status_code == 302 and contract.kind == "deal"
        assert contract.deal_terms["ip_on_full_payment"] is True
        assert self.client.get(url).status_code == 200

    def test_it_shows_errors_for_conflicting_fields(self):
        self.login(self.owner)
        response = self.client.post(reverse("contracts:deal_edit", args=[self.engagement.pk]),
                                    {"deposit_percent": "30", "deposit_amount": "500"})
        assert response.status_code == 400 and "not both" in response.content.decode()
        assert not Contract.objects.exists()


class TestCaseContractPage(BaseTestCase):
    def test_it_shows_the_clauses_that_bear_on_the_dispute_with_a_quote_box(self):
        services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_markdown(),
                                 filename="c.md")
        self.login(self.owner)
        page = self.client.get(reverse("contracts:case_contract", args=[self.case.pk])).content.decode()
        assert "Invoices are due 14 days after issue; late amounts carry 1.5% a month (clause 3.2)." in page
        assert "Quote this" in page and "Clause 3.2: “3.2 Invoices are payable" in page
        assert "What this contract lacks" in page

    def test_it_offers_upload_or_deal_when_there_is_no_contract(self):
        self.login(self.owner)
        page = self.client.get(reverse("contracts:case_contract", args=[self.case.pk])).content.decode()
        assert "No contract is on file" in page and "record the deal" in page

    def test_it_fills_step_7_of_the_case_page(self):
        self.login(self.owner)
        page = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "Upload the contract" in page
        services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_markdown(),
                                 filename="c.md")
        page = self.client.get(reverse("cases:case_detail", args=[self.case.pk])).content.decode()
        assert "Contract v1 on file" in page and "(clause 3.2)." in page


class TestVaultLinks(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.owner)

    def test_it_links_the_contract_page_to_its_vault_item(self):
        from amicable.evidence.models import EvidenceItem

        self.client.post(reverse("contracts:contract_list", args=[self.engagement.pk]),
                         {"file": SimpleUploadedFile("c.md", samples.as_markdown())})
        contract = Contract.objects.get()
        item = EvidenceItem.objects.get(external_id=services.vault_external_id(contract))
        page = self.client.get(reverse("contracts:contract_detail", args=[self.engagement.pk, contract.pk]))
        assert reverse("evidence:item", args=[self.case.pk, item.pk]) in page.content.decode()

    def test_it_lists_agreement_items_as_sources_of_the_deal(self):
        from amicable.evidence.services import evidence_file_item

        agreed = evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Re: the fee is agreed",
                                    body="OK for 4,000 EUR.", tags=["agreement"])
        other = evidence_file_item(actor=self.owner, case=self.case, kind="email", subject="Unrelated chat")
        theirs = evidence_file_item(actor=self.stranger, case=self.stranger_case, kind="email",
                                    subject="Stranger agreement", tags=["agreement"])
        page = self.client.get(reverse("contracts:deal_edit", args=[self.engagement.pk])).content.decode()
        assert "Re: the fee is agreed" in page and reverse("evidence:item", args=[self.case.pk, agreed.pk]) in page
        assert other.subject not in page and theirs.subject not in page
        contract = services.deal_save(actor=self.owner, engagement=self.engagement, terms={"fee": "4000"})
        page = self.client.get(reverse("contracts:contract_detail", args=[self.engagement.pk, contract.pk]))
        assert "Re: the fee is agreed" in page.content.decode()

    def test_it_says_when_no_item_is_tagged_agreement(self):
        page = self.client.get(reverse("contracts:deal_edit", args=[self.engagement.pk])).content.decode()
        assert "No evidence item is tagged “agreement” yet." in page
