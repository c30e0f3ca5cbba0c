"""Factories for the generated stranger→404 test: a contract in the test case's engagement."""

from __future__ import annotations


def _contract_id(t) -> int:  # type: ignore[no-untyped-def]
    from .services import deal_save

    contract = t.engagement.contracts.first()
    if contract is None:
        contract = deal_save(actor=t.owner, engagement=t.engagement, terms={"payment_due_days": 14})
    return contract.pk


URL_KWARGS = {"contract_id": _contract_id}
