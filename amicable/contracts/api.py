"""Contract API: versions per engagement, upload, the analysed contract, the deal as agreed, and
the clauses that bear on a case. Same gate as the pages; anything out of reach is a 404.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from amicable.api.errors import ApiError
from amicable.cases.selectors import case_for_user, engagement_for_user

from . import services
from .models import Contract
from .selectors import case_contract_view, contract_for_user
from .summary import quote_text

router = Router(tags=["contracts"])


class ContractSummaryOut(Schema):
    id: int
    version: int
    kind: str
    title: str
    filename: str
    status: str
    error_code: str
    error_message: str
    sha256: str
    size: int
    format: str
    language: str
    is_contract: bool
    created_at: Any


class TypeOut(Schema):
    type: str
    confidence: float
    triggers: list[str]
    inherited: bool = False


class ClauseOut(Schema):
    index: int
    number: str
    ref: str
    citation: str
    heading: str
    kind: str
    level: int
    parent_index: int | None
    start: int
    end: int
    page: int | None
    text: str
    types: list[TypeOut]


class ContractOut(ContractSummaryOut):
    warnings: list[dict]
    terms: list[dict]
    health: list[dict]
    clauses: list[ClauseOut]


class DealIn(Schema):
    source: str = ""
    fee: Decimal | None = None
    payment_due_days: int | None = None
    late_fee_rate: Decimal | None = None
    late_fee_period: Literal["month", "year"] | None = None
    late_fee_flat: Decimal | None = None
    deposit_percent: Decimal | None = None
    deposit_amount: Decimal | None = None
    revision_rounds: int | None = None
    kill_fee_percent: Decimal | None = None
    kill_fee_when: str = ""
    termination_notice_days: int | None = None
    deemed_acceptance_days: int | None = None
    ip_on_full_payment: bool | None = None
    governing_law: str = ""
    venue: str = ""
    dispute_methods: list[Literal["negotiation", "mediation", "arbitration", "courts"]] = []


class RelevantOut(Schema):
    index: int
    citation: str
    heading: str
    page: int | None
    score: float
    types: list[str]
    summary: str
    text: str
    quote: str


class CaseContractOut(Schema):
    contract: ContractSummaryOut | None
    relevant: list[RelevantOut]
    summary: list[str]
    missing: list[dict]


def _summary(c: Contract) -> dict:
    return {f: getattr(c, f) for f in ContractSummaryOut.model_fields if f != "id"} | {"id": c.pk}


def _detail(c: Contract) -> dict:
    clauses = [{**{f: getattr(cl, f) for f in ClauseOut.model_fields}} for cl in c.clauses.all()]
    return _summary(c) | {"warnings": c.warnings, "terms": c.terms, "health": c.health, "clauses": clauses}


@router.get("/engagements/{engagement_id}/contracts", response=list[ContractSummaryOut],
            summary="List an engagement's contract versions")
def list_contracts(request: HttpRequest, engagement_id: int) -> list[dict]:
    """All versions, newest first (uploaded documents and typed deals)."""
    engagement = engagement_for_user(request.auth, engagement_id)
    return [_summary(c) for c in engagement.contracts.all()]


@router.post("/engagements/{engagement_id}/contracts", response={201: ContractOut},
             summary="Upload a contract file as a new version")
def upload_contract(request: HttpRequest, engagement_id: int, file: File[UploadedFile] = None,  # type: ignore[assignment]
                    title: Form[str] = "") -> tuple[int, dict]:
    """Multipart upload (field `file`). The file is always kept; an unreadable one comes back with
    status "unreadable" and error_code (encrypted, scanned, empty, too_large, unsupported, corrupt)."""
    engagement = engagement_for_user(request.auth, engagement_id, need="edit")  # the gate before validation
    if file is None:
        raise ApiError("Attach the contract as a multipart file field named `file`.", field="file", status=422)
    contract = services.contract_upload(actor=request.auth, engagement=engagement, upload=file,
                                        filename=file.name or "contract", title=title)
    return 201, _detail(contract)


@router.get("/engagements/{engagement_id}/contracts/{contract_id}", response=ContractOut,
            summary="One contract version: clauses with types and triggers, key terms, health check")
def get_contract(request: HttpRequest, engagement_id: int, contract_id: int) -> dict:
    engagement = engagement_for_user(request.auth, engagement_id)
    return _detail(contract_for_user(request.auth, engagement, contract_id))


@router.post("/engagements/{engagement_id}/deal", response={201: ContractOut},
             summary="Record the deal as agreed (no written contract)")
def record_deal(request: HttpRequest, engagement_id: int, payload: DealIn) -> tuple[int, dict]:
    """The typed terms become a new version of kind "deal" with the same clauses, terms and health check."""
    engagement = engagement_for_user(request.auth, engagement_id, need="edit")
    terms = {k: v for k, v in payload.dict().items() if v not in (None, "", [])}
    return 201, _detail(services.deal_save(actor=request.auth, engagement=engagement, terms=terms))


@router.get("/cases/{case_id}/contract", response=CaseContractOut,
            summary="What the contract says about this case's dispute")
def case_contract(request: HttpRequest, case_id: int) -> dict:
    """The clauses that bear on the case's dispute types, ranked, with a plain summary and the quote text."""
    case = case_for_user(request.auth, case_id)
    view = case_contract_view(case)
    relevant = [r.to_dict() | {"quote": quote_text(r.clause)} for r in view.relevant]
    return {"contract": _summary(view.contract) if view.contract else None, "relevant": relevant,
            "summary": view.summary, "missing": view.missing}
