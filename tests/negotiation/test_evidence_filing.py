"""Negotiation steps and the agreement PDF are filed into the evidence vault (when it has its filing
helper; the evidence app on this branch may predate it, and then these tests skip)."""

import hashlib
import importlib.util

import pytest

from amicable.negotiation import services
from tests.mediation.base import RoomTestCase


def _has_filing_helper() -> bool:
    if importlib.util.find_spec("amicable.evidence.services") is None:
        return False
    return hasattr(importlib.import_module("amicable.evidence.services"), "evidence_file_item")


pytestmark = pytest.mark.skipif(not _has_filing_helper(), reason="the evidence vault's evidence_file_item is not here")


class TestEvidenceFiling(RoomTestCase):
    def test_it_files_each_step_and_the_agreement_pdf(self):
        from amicable.evidence.models import EvidenceItem

        offer = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        agreement = services.offer_accept(actor=self.room_client, offer=offer)
        items = EvidenceItem.objects.filter(case=self.case, source_name="negotiation")
        assert {i.external_id for i in items} >= {f"negotiation:offer:{offer.pk}:sent",
                                                  f"negotiation:offer:{offer.pk}:accepted",
                                                  f"negotiation:agreement:{agreement.pk}"}
        filed = items.get(external_id=f"negotiation:agreement:{agreement.pk}")
        assert filed.kind == "agreement" and filed.visibility == "shared"
        blob = filed.attachments.get()
        assert blob.sha256 == hashlib.sha256(bytes(agreement.pdf)).hexdigest() == agreement.pdf_sha256
