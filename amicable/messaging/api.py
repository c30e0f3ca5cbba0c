"""Messaging API: the tone check, concerns, clarifying questions and answers, drafts and sending.

Cases are loaded through the gate ("view" to read, "edit" to write); objects below a case come from
that case, so anything outside the token user's reach is a 404. Writes go through services.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from amicable.api.errors import ApiError
from amicable.cases.schemas import ERRORS, In
from amicable.cases.selectors import case_for_user

from . import compose, services
from .cli import report_json
from .models import Concern
from .selectors import (
    case_facts,
    concern_for,
    default_recipient,
    draft_for,
    mail_connection,
    question_for,
    question_values,
    suggested_questions,
)
from .tone import check

router = Router(tags=["messaging"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# Tone -----------------------------------------------------------------------------------------------
class ToneIn(In):
    text: str = Field(max_length=200_000)
    allow_legal: bool = False


class FindingOut(Schema):
    start: int
    end: int
    category: str
    polarity: str
    text: str
    message: str
    suggestion: str | None
    replaceable: bool = Field(True, description="False when the suggestion is advice on the whole sentence "
                              "(the learned second opinion), not text to put in its place")


class ToneOut(Schema):
    score: int
    verdict: Literal["send", "revise", "wait"]
    language: str
    notes: list[str]
    findings: list[FindingOut]


@router.post("/tone/check", response={200: ToneOut, **ERRORS})
def tone_check(request: HttpRequest, payload: ToneIn) -> Any:
    """Check a text: score 0-100, verdict, findings with character spans and calmer suggestions."""
    return report_json(check(payload.text, allow_legal=payload.allow_legal))


# Concerns --------------------------------------------------------------------------------------------
ConcernType = Literal["price", "quality", "delay", "scope", "communication", "other"]
ConcernStatus = Literal["open", "acknowledged", "answered", "resolved"]


class ConcernIn(In):
    quote: str = Field(min_length=1, max_length=5000)
    type: ConcernType = "other"
    summary: str = Field("", max_length=300)
    source_ref: str = Field("", max_length=300)
    evidence_item_id: int | None = Field(None, ge=1)


class ConcernPatch(In):
    status: ConcernStatus


class ConcernOut(Schema):
    id: int
    quote: str
    summary: str
    type: str
    status: str
    source_ref: str
    evidence_item_id: int | None
    created_at: Any


@router.get("/cases/{case_id}/concerns", response={200: list[ConcernOut], **ERRORS})
def concern_list(request: HttpRequest, case_id: int) -> Any:
    return list(case_for_user(_user(request), case_id).concerns.all())


@router.post("/cases/{case_id}/concerns", response={201: ConcernOut, **ERRORS})
def concern_create(request: HttpRequest, case_id: int, payload: ConcernIn) -> tuple[int, Any]:
    case = case_for_user(_user(request), case_id, need="edit")
    return 201, services.concern_add(actor=_user(request), case=case, **payload.model_dump())


@router.patch("/cases/{case_id}/concerns/{concern_id}", response={200: ConcernOut, **ERRORS})
def concern_update(request: HttpRequest, case_id: int, concern_id: int, payload: ConcernPatch) -> Any:
    case = case_for_user(_user(request), case_id, need="edit")
    return services.concern_set_status(actor=_user(request), concern=concern_for(case, concern_id),
                                       status=payload.status)


# Questions -------------------------------------------------------------------------------------------
class QuestionOut(Schema):
    id: str
    text: str
    why: str


class AnswerIn(In):
    answer: str = Field(min_length=1, max_length=5000)
    source_ref: str = Field("", max_length=300)


class AnswerOut(Schema):
    question_id: str
    question_text: str
    answer: str
    source_ref: str
    recorded_at: Any


class QuestionsOut(Schema):
    suggested: list[QuestionOut]
    answers: list[AnswerOut]


@router.get("/cases/{case_id}/questions", response={200: QuestionsOut, **ERRORS})
def question_list(request: HttpRequest, case_id: int) -> Any:
    """Clarifying questions not yet settled by the intake or an answer, and the answers recorded."""
    from .questions import fill

    case = case_for_user(_user(request), case_id)
    values = question_values(case)
    return {"suggested": [{"id": q.id, "text": fill(q.text, values), "why": q.why} for q in suggested_questions(case)],
            "answers": list(case.question_answers.all())}


@router.post("/cases/{case_id}/questions/{question_id}/answer", response={201: AnswerOut, **ERRORS})
def answer_create(request: HttpRequest, case_id: int, question_id: str, payload: AnswerIn) -> tuple[int, Any]:
    case = case_for_user(_user(request), case_id, need="edit")
    q = question_for(question_id)
    return 201, services.answer_record(actor=_user(request), case=case, question_id=q.id, **payload.model_dump())


# Drafts ----------------------------------------------------------------------------------------------
DraftKind = Literal["acknowledge", "clarify", "propose", "payment_reminder", "firm_reminder", "final_notice",
                    "confirm_agreement", "free"]


class DraftIn(In):
    kind: DraftKind = "free"
    subject: str | None = Field(None, max_length=300)
    body: str | None = Field(None, max_length=100_000)
    to_email: str | None = Field(None, max_length=254)
    question_ids: list[str] = Field(default_factory=list, description="For kind=clarify: the questions to ask.")


class DraftUpdate(In):
    subject: str = Field("", max_length=300)
    body: str = Field("", max_length=100_000)
    to_email: str = Field("", max_length=254)


class RevisionOut(Schema):
    number: int
    subject: str
    note: str
    tone_score: int | None
    tone_verdict: str
    created_at: Any


class DraftOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    to_email: str
    status: str
    tone_score: int | None
    tone_verdict: str
    cool_off_until: Any
    updated_at: Any


class DraftDetailOut(DraftOut):
    tone: ToneOut
    revisions: list[RevisionOut]


class MessageOut(Schema):
    id: int
    channel: str
    to_email: str
    from_email: str
    subject: str
    sent_at: Any
    tone_report: dict


def _detail(draft: Any) -> dict[str, Any]:
    data = DraftOut.from_orm(draft).model_dump()
    data["tone"] = report_json(check(draft.body, allow_legal=draft.kind in compose.LEGAL_KINDS))
    data["revisions"] = list(draft.revisions.all())
    return data


@router.get("/cases/{case_id}/drafts", response={200: list[DraftOut], **ERRORS})
def draft_list(request: HttpRequest, case_id: int) -> Any:
    return list(case_for_user(_user(request), case_id).drafts.all())


@router.post("/cases/{case_id}/drafts", response={201: DraftDetailOut, **ERRORS})
def draft_create(request: HttpRequest, case_id: int, payload: DraftIn) -> tuple[int, Any]:
    """Start a draft: from a template (subject and body left out) or with your own text."""
    user = _user(request)
    case = case_for_user(user, case_id, need="edit")
    to_email = payload.to_email if payload.to_email is not None else default_recipient(case)
    if payload.body is not None:
        draft = services.draft_create(actor=user, case=case, kind=payload.kind, subject=payload.subject or "",
                                      body=payload.body, to_email=to_email)
    elif payload.kind == "acknowledge":
        draft = services.draft_acknowledge(actor=user, case=case, facts=case_facts(case, user), to_email=to_email)
    elif payload.kind == "clarify":
        draft = services.draft_clarify(actor=user, case=case, facts=case_facts(case, user),
                                       question_ids=payload.question_ids, values=question_values(case),
                                       to_email=to_email)
    else:
        draft = services.draft_from_template(actor=user, case=case, kind=payload.kind,
                                             facts=case_facts(case, user), to_email=to_email)
    return 201, _detail(draft)


@router.get("/cases/{case_id}/drafts/{draft_id}", response={200: DraftDetailOut, **ERRORS})
def draft_detail(request: HttpRequest, case_id: int, draft_id: int) -> Any:
    """A draft with its current tone report and revision history."""
    return _detail(draft_for(case_for_user(_user(request), case_id), draft_id))


@router.put("/cases/{case_id}/drafts/{draft_id}", response={200: DraftDetailOut, **ERRORS})
def draft_update(request: HttpRequest, case_id: int, draft_id: int, payload: DraftUpdate) -> Any:
    case = case_for_user(_user(request), case_id, need="edit")
    draft = services.draft_save(actor=_user(request), draft=draft_for(case, draft_id), **payload.model_dump())
    return _detail(draft)


@router.post("/cases/{case_id}/drafts/{draft_id}/send",
             response={201: MessageOut, 409: ERRORS[400], 502: ERRORS[400], **ERRORS})
def draft_send(request: HttpRequest, case_id: int, draft_id: int) -> tuple[int, Any]:
    """Send a draft by email. 502 when the mail server refuses or times out: nothing is recorded as sent."""
    case = case_for_user(_user(request), case_id, need="edit")
    draft = draft_for(case, draft_id)
    connection, from_email = mail_connection(case.workspace)
    if connection is None:
        raise ApiError("Outgoing email is not set up.", field=None, status=409)
    try:
        message = services.draft_send(actor=_user(request), draft=draft, connection=connection,
                                      from_email=from_email)
    except services.SendError as exc:
        raise ApiError(str(exc), status=502) from None
    return 201, message


__all__ = ["router", "Concern"]
