from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from amicable.contracts import selectors, services
from amicable.contracts.models import Clause, Contract
from amicable.evidence.models import Blob, EvidenceItem, LogEntry
from amicable.test import BaseTestCase

from . import samples


class TestContractUpload(BaseTestCase):
    def test_it_keeps_the_file_content_addressed_and_stores_the_analysis(self):
        data = samples.as_pdf()
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=data,
                                            filename="signed.pdf")
        assert contract.version == 1 and contract.readable and contract.format == "pdf"
        assert contract.blob_path == services.blob_path(contract.sha256)
        with default_storage.open(contract.blob_path, "rb") as f:
            assert f.read() == data
        clause = contract.clauses.get(number="3.2")
        assert clause.page == 1 and "late_payment" in clause.type_names
        assert contract.text[clause.start:clause.end] == clause.text
        assert any(t["name"] == "late_fee" for t in contract.terms)
        event = self.case.events.get(kind="contracts.uploaded")
        assert event.data["sha256"] == contract.sha256
        assert "v1" in event.summary and "clauses" in event.summary

    def test_it_files_the_original_into_the_vault_tagged_agreement(self):
        data = samples.as_pdf()
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=data,
                                            filename="signed.pdf")
        item = EvidenceItem.objects.get(case=self.case, external_id=services.vault_external_id(contract))
        assert item.kind == "file" and item.importer == "contracts" and item.visibility == "private"
        assert list(item.tags.values_list("tag", flat=True)) == ["agreement"]
        link = item.item_attachments.select_related("blob").get()
        assert link.blob_id == contract.sha256 and link.filename == "signed.pdf"
        assert link.blob.content_type == "application/pdf" and item.meta["contract_id"] == contract.pk
        assert LogEntry.objects.filter(item=item, entry_type="item").count() == 1
        assert LogEntry.objects.filter(item=item, entry_type="tag").count() == 1
        assert self.case.events.filter(kind="evidence.filed", data__item=item.pk).exists()
        assert selectors.vault_items(contract) == [item]
        # the same bytes again: a new version and a new item, one blob
        again = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=data,
                                         filename="signed-again.pdf")
        second = EvidenceItem.objects.get(case=self.case, external_id=services.vault_external_id(again))
        assert second.pk != item.pk and Blob.objects.filter(sha256=contract.sha256).count() == 1
        assert second.item_attachments.get().blob_id == contract.sha256

    def test_it_files_nothing_when_the_engagement_has_no_open_case(self):
        self.case.stage = "closed"
        self.case.save(update_fields=["stage"])
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_markdown(),
                                            filename="c.md")
        assert contract.version == 1 and not EvidenceItem.objects.exists()

    def test_it_makes_a_new_version_and_keeps_the_old_one(self):
        first = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_markdown(),
                                         filename="c.md")
        second = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=samples.as_html(),
                                          filename="c.html")
        assert (first.version, second.version) == (1, 2)
        assert Contract.objects.filter(engagement=self.engagement).count() == 2
        assert first.clauses.count() == second.clauses.count() > 10

    def test_it_keeps_an_unreadable_file_with_the_reason(self):
        data = samples.as_pdf(encrypt=True)
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=data,
                                            filename="locked.pdf")
        assert contract.status == Contract.Status.UNREADABLE and contract.error_code == "encrypted"
        assert "password" in contract.error_message
        assert default_storage.exists(contract.blob_path) and contract.size == len(data)
        assert contract.clauses.count() == 0
        assert self.last_event().data["status"] == "unreadable"

    def test_it_keeps_empty_and_too_large_files_as_unreadable(self):
        empty = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=b"", filename="x.txt")
        assert empty.error_code == "empty"
        original = services.ANALYSE_MAX_BYTES
        services.ANALYSE_MAX_BYTES = 100
        try:
            big = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=b"a" * 500,
                                           filename="big.txt")
        finally:
            services.ANALYSE_MAX_BYTES = original
        assert big.error_code == "too_large" and default_storage.exists(big.blob_path)

    def test_it_records_a_non_english_contract_with_a_warning(self):
        text = ("CONTRAT\n\n1. Objet\n\nLe prestataire réalise le site du client dans les délais prévus et le client "
                "paie la facture dans les trente jours. En cas de retard, des pénalités sont dues par le client.")
        contract = services.contract_upload(actor=self.owner, engagement=self.engagement, upload=text.encode(),
                                            filename="contrat.txt")
        assert contract.language == "fr" and contract.readable
        assert [w["code"] for w in contract.warnings] == ["not_english"]


class TestDealAsAgreed(BaseTestCase):
    def test_it_turns_typed_terms_into_clauses_terms_and_health(self):
        contract = services.deal_save(actor=self.owner, engagement=self.engagement, terms={
            "source": "by email on 3 May", "fee": Decimal("2400"), "payment_due_days": 14,
            "late_fee_rate": Decimal("1.5"), "dispute_methods": ["negotiation", "mediation"]})
        assert contract.kind == "deal" and contract.version == 1
        assert [c.heading for c in contract.clauses.all()] == ["Fee", "Payment due", "Late payment", "Disputes"]
        fee = next(t for t in contract.terms if t["name"] == "fee")
        assert fee["value"] == {"amount": "2400", "currency": "EUR"}
        health = {h["key"]: h["present"] for h in contract.health}
        assert health["late_payment"] and not health["deposit"]
        assert self.last_event().kind == "contracts.deal_recorded"

    def test_it_refuses_an_empty_deal_and_unknown_terms(self):
        with pytest.raises(ValidationError):
            services.deal_save(actor=self.owner, engagement=self.engagement, terms={"source": "call"})
        with pytest.raises(ValidationError):
            services.deal_save(actor=self.owner, engagement=self.engagement, terms={"bonus": 5})
        assert not Clause.objects.exists()


class TestHugeFiles(BaseTestCase):
    def test_it_refuses_a_file_over_the_keep_limit_with_a_clear_error(self):
        original = services.KEEP_MAX_BYTES
        services.KEEP_MAX_BYTES = 1000
        try:
            with pytest.raises(ValidationError) as err:
                services.contract_upload(actor=self.owner, engagement=self.engagement, upload=b"x" * 2000,
                                         filename="huge.txt")
        finally:
            services.KEEP_MAX_BYTES = original
        assert "file" in err.value.message_dict
        assert not Contract.objects.exists() and not self.case.events.filter(kind="contracts.uploaded").exists()
