"""Negotiation steps and the agreement PDF are filed into the evidence vault, in the same transaction,
each with its leaf in the workspace's hashed log."""

import hashlib

from amicable.evidence.models import EvidenceItem, LogEntry
from amicable.negotiation import services
from tests.mediation.base import RoomTestCase


class TestEvidenceFiling(RoomTestCase):
    def test_it_files_each_step_and_the_agreement_pdf(self):
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
        for item in items:
            assert LogEntry.objects.filter(item=item, entry_type="item").count() == 1, item.external_id
        sent = items.get(external_id=f"negotiation:offer:{offer.pk}:sent")
        accepted = items.get(external_id=f"negotiation:offer:{offer.pk}:accepted")
        assert (sent.added_by_role, accepted.added_by_role) == ("owner", "client")
        assert sent.visibility == accepted.visibility == "shared"
        assert self.case.events.filter(kind="evidence.filed", data__item=filed.pk).exists()
