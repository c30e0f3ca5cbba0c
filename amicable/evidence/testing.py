"""URL kwarg factories for the generated stranger→404 tests (tests/test_access.py, tests/test_api_access.py).

Each factory makes (once per test) an object in the owner's case and returns its id.
"""

from __future__ import annotations

from typing import Any


def _item(t: Any) -> int:
    from amicable.evidence.services import evidence_file_item

    if not hasattr(t, "_evidence_item"):
        t._evidence_item = evidence_file_item(
            actor=t.owner, case=t.case, kind="email", subject="Invoice INV-7", body="Please pay.",
            attachments=[("invoice.pdf", b"%PDF-1.4 test", "application/pdf")], external_id="testing:item")
    return int(t._evidence_item.pk)


def _batch(t: Any) -> int:
    from amicable.evidence.importing import import_batch_create

    if not hasattr(t, "_evidence_batch"):
        t._evidence_batch = import_batch_create(actor=t.owner, case=t.case, source_name="mail.mbox", size=10)
    return int(t._evidence_batch.pk)


URL_KWARGS = {
    "item_id": _item,
    "batch_id": _batch,
    "position": lambda t: (_item(t), 0)[1],
}
