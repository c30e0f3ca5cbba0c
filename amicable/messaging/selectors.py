"""Reads for messaging. Objects are always fetched from a case the gate returned
(`case.concerns.get(pk=...)`), so the permission gate covers them; a miss is an Http404."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.http import Http404
from django.utils import timezone

from amicable.accounts.models import User, Workspace
from amicable.cases.models import Case
from amicable.lib.money import format_money

from . import compose, questions
from .llm import LlmConfig
from .models import Concern, Draft, MailSettings, Message, QuestionAnswer

_FILE_OUTBOX = "django.core.mail.backends.filebased.EmailBackend"


def concern_for(case: Case, concern_id: int | str) -> Concern:
    try:
        return case.concerns.get(pk=int(concern_id))
    except (Concern.DoesNotExist, ValueError, TypeError):
        raise Http404("No such concern") from None


def draft_for(case: Case, draft_id: int | str) -> Draft:
    try:
        return case.drafts.get(pk=int(draft_id))
    except (Draft.DoesNotExist, ValueError, TypeError):
        raise Http404("No such draft") from None


def message_for(case: Case, message_id: int | str) -> Message:
    try:
        return case.messages.get(pk=int(message_id))
    except (Message.DoesNotExist, ValueError, TypeError):
        raise Http404("No such message") from None


def question_for(question_id: str) -> questions.Question:
    q = questions.question(question_id)
    if q is None:
        raise Http404("No such question")
    return q


def case_facts(case: Case, user: User) -> compose.CaseFacts:
    """The facts templates are filled from: names, money with currency, invoices, milestones, clauses."""
    engagement = case.engagement
    client = engagement.client
    today = timezone.localdate()
    invoices = []
    total = None
    for inv in engagement.invoices.all().order_by("due_date", "pk"):
        outstanding = inv.outstanding()
        if outstanding <= 0:
            continue
        total = outstanding if total is None else total + outstanding
        invoices.append(compose.InvoiceLine(
            number=inv.number, amount=format_money(inv.amount, inv.currency),
            outstanding=format_money(outstanding, inv.currency), due_date=inv.due_date,
            days_overdue=max(0, (today - inv.due_date).days)))
    milestones = [compose.MilestoneLine(m.title, format_money(m.amount, engagement.currency), m.status, m.due_date)
                  for m in engagement.milestones.all()]
    return compose.CaseFacts(
        client_name=client.name, contact_name=client.contact_name, sender_name=_sender(user),
        engagement_title=engagement.title, currency=case.currency,
        amount_in_dispute=case.amount_display() if case.amount_in_dispute is not None else "",
        total_outstanding=format_money(total, engagement.currency) if total is not None else "",
        invoices=invoices, milestones=milestones, clauses=_clauses(case), today=today)


def _sender(user: User) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "email", "") or "").strip()


def _clauses(case: Case) -> list[compose.ClauseLine]:
    """Clause citations from the contracts app, when a contract is on file (optional)."""
    try:
        from amicable.contracts.selectors import case_contract_view
    except ImportError:  # pragma: no cover - the contracts app is part of the project
        return []
    view = case_contract_view(case, limit=5)
    out = []
    for rc in getattr(view, "relevant", None) or []:
        ref = rc.clause.citation or rc.clause.heading or f"clause {rc.clause.index}"
        out.append(compose.ClauseLine(ref=ref if ref.lower().startswith(("clause", "section", "§")) else
                                      f"clause {ref}", summary=rc.summary))
    return out


def question_values(case: Case) -> dict[str, str]:
    """Case facts used inside question texts ({invoice}, {delivered}, ...)."""
    invoices = [i.number for i in case.engagement.invoices.all()]
    intake = case.intake or {}
    return {"invoice": ", ".join(invoices), "terms": "", "today": compose.date_text(timezone.localdate()),
            "delivered": str(intake.get("delivered") or "")[:120],
            "delivered_on": str(intake.get("delivered_on") or "")}


def suggested_questions(case: Case) -> list[questions.Question]:
    answered = case.question_answers.values_list("question_id", flat=True)
    return questions.suggested(case.dispute_types, case.intake or {}, answered)


def answers_for(case: Case) -> list[QuestionAnswer]:
    return list(case.question_answers.all())


def default_recipient(case: Case) -> str:
    return case.engagement.client.email or ""


def mail_settings_for(workspace: Workspace) -> MailSettings | None:
    return MailSettings.objects.filter(workspace=workspace).first()


def mail_connection(workspace: Workspace) -> tuple[BaseEmailBackend | None, str]:
    """(connection, from address) for sending, or (None, "") when no outgoing mail is set up.

    In local mode the workspace's settings (set in the UI) come first; otherwise the AMICABLE_SMTP_*
    environment settings; the file outbox of an unconfigured install does not count as sending.
    """
    ms = mail_settings_for(workspace) if settings.LOCAL_MODE else None
    if ms is not None:
        conn = get_connection("django.core.mail.backends.smtp.EmailBackend", host=ms.host, port=ms.port,
                              username=ms.username or None, password=ms.password or None,
                              use_tls=ms.security == "starttls", use_ssl=ms.security == "ssl", timeout=ms.timeout,
                              fail_silently=False)
        return conn, ms.from_email
    if settings.EMAIL_BACKEND == _FILE_OUTBOX:
        return None, ""
    return get_connection(fail_silently=False), settings.DEFAULT_FROM_EMAIL


def llm_config() -> LlmConfig:
    return LlmConfig(base_url=settings.AMICABLE_LLM_BASE_URL, model=settings.AMICABLE_LLM_MODEL,
                     api_key=settings.AMICABLE_LLM_API_KEY, timeout=float(settings.AMICABLE_LLM_TIMEOUT))


def open_cool_offs(case: Case) -> list[Draft]:
    return list(case.drafts.filter(status=Draft.Status.DRAFT, cool_off_until__gt=timezone.now())
                .order_by("cool_off_until"))
