"""Writes for clients, engagements and cases. Each runs in one transaction and, when it touches a case,
writes the case event in that same transaction. Errors are ValidationError keyed by field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from amicable.accounts.models import User, Workspace
from amicable.lib.money import MoneyError, normalise_currency, parse_amount

from .models import Case, CaseEvent, Client, Deadline, DisputeType, Engagement, Invoice, Milestone, Payment, Stage

CLIENT_FIELDS = ("name", "contact_name", "email", "phone", "address", "country", "jurisdiction", "notes")


def money_value(value: object, currency: str, field: str, *, allow_zero: bool = False) -> Decimal:
    """`value` as a Decimal valid for `currency`, or a ValidationError on `field` saying what is wrong."""
    try:
        return parse_amount(value, currency, allow_zero=allow_zero)
    except MoneyError as exc:
        raise ValidationError({field: str(exc)}) from None


def _currency(value: str, field: str = "currency") -> str:
    try:
        return normalise_currency(value)
    except MoneyError as exc:
        raise ValidationError({field: str(exc)}) from None


def event_add(*, case: Case, actor: User | None, kind: str, summary: str, **data: object) -> CaseEvent:
    """Append one line to a case's activity log (call inside the writing transaction)."""
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, summary=summary[:500], data=data)


def _clean_client(fields: dict[str, str]) -> dict[str, str]:
    cleaned = {k: (fields.get(k) or "").strip() for k in CLIENT_FIELDS if k in fields}
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError({"name": "Give the client a name (a company or a person)."})
    if cleaned.get("country"):
        cleaned["country"] = cleaned["country"].upper()
        if len(cleaned["country"]) != 2 or not cleaned["country"].isalpha():
            raise ValidationError({"country": "Use the two-letter country code, like DE, GB or US."})
    if cleaned.get("jurisdiction"):
        cleaned["jurisdiction"] = cleaned["jurisdiction"].upper()
    return cleaned


@transaction.atomic
def client_create(*, actor: User, workspace: Workspace, name: str, **fields: str) -> Client:
    cleaned = _clean_client({"name": name, **fields})
    return Client.objects.create(workspace=workspace, **cleaned)


@transaction.atomic
def client_update(*, actor: User, client: Client, **fields: str) -> Client:
    cleaned = _clean_client(fields)
    for key, value in cleaned.items():
        setattr(client, key, value)
    client.save()
    return client


def _engagement_values(currency: str, rate: object, start: dt.date | None, end: dt.date | None) -> dict[str, object]:
    code = _currency(currency)
    if start and end and end < start:
        raise ValidationError({"end_date": f"The end date ({end}) is before the start date ({start})."})
    rate_value = None if rate in (None, "") else money_value(rate, code, "rate")
    return {"currency": code, "rate": rate_value, "start_date": start, "end_date": end}


@transaction.atomic
def engagement_create(*, actor: User, client: Client, title: str, currency: str, scope: str = "",
                      rate: object = None, rate_unit: str = "hour", start_date: dt.date | None = None,
                      end_date: dt.date | None = None) -> Engagement:
    if not title.strip():
        raise ValidationError({"title": "Give the engagement a title, like “Website redesign”."})
    if rate_unit not in Engagement.RateUnit.values:
        raise ValidationError({"rate_unit": f"Unknown rate unit “{rate_unit}”."})
    values = _engagement_values(currency, rate, start_date, end_date)
    return Engagement.objects.create(workspace=client.workspace, client=client, title=title.strip(),
                                     scope=scope.strip(), rate_unit=rate_unit, **values)


@transaction.atomic
def engagement_update(*, actor: User, engagement: Engagement, **fields: object) -> Engagement:
    merged = {k: fields.get(k, getattr(engagement, k)) for k in ("currency", "rate", "start_date", "end_date")}
    if merged["currency"] != engagement.currency and (engagement.invoices.exists() or engagement.milestones.exists()):
        raise ValidationError({"currency": "This engagement already has invoices or milestones in "
                                           f"{engagement.currency}; its currency cannot change."})
    values = _engagement_values(str(merged["currency"]), merged["rate"], merged["start_date"], merged["end_date"])
    for key in ("title", "scope", "rate_unit"):
        if key in fields:
            values[key] = str(fields[key]).strip()
    if "title" in values and not values["title"]:
        raise ValidationError({"title": "The engagement needs a title."})
    for key, value in values.items():
        setattr(engagement, key, value)
    engagement.save()
    _note_on_cases(engagement, actor, "engagement.updated", f"Engagement “{engagement.title}” updated")
    return engagement


def _note_on_cases(engagement: Engagement, actor: User, kind: str, summary: str, **data: object) -> None:
    for case in engagement.cases.exclude(stage=Stage.CLOSED):
        event_add(case=case, actor=actor, kind=kind, summary=summary, **data)


@transaction.atomic
def milestone_add(*, actor: User, engagement: Engagement, title: str, amount: object,
                  due_date: dt.date | None = None, status: str = "planned",
                  delivered_on: dt.date | None = None) -> Milestone:
    if not title.strip():
        raise ValidationError({"title": "Name the milestone, like “Design approved”."})
    value = money_value(amount, engagement.currency, "amount")
    if status not in Milestone.Status.values:
        raise ValidationError({"status": f"Unknown status “{status}”."})
    if delivered_on and delivered_on > timezone.localdate():
        raise ValidationError({"delivered_on": "The delivery date cannot be in the future."})
    milestone = Milestone.objects.create(engagement=engagement, title=title.strip(), amount=value,
                                         due_date=due_date, status=status, delivered_on=delivered_on)
    _note_on_cases(engagement, actor, "milestone.added", f"Milestone “{milestone.title}” added "
                   f"({milestone.amount_display()})", milestone_id=milestone.pk)
    return milestone


@transaction.atomic
def milestone_set_status(*, actor: User, milestone: Milestone, status: str,
                         delivered_on: dt.date | None = None) -> Milestone:
    if status not in Milestone.Status.values:
        raise ValidationError({"status": f"Unknown status “{status}”."})
    if status != Milestone.Status.PLANNED and not (delivered_on or milestone.delivered_on):
        delivered_on = timezone.localdate()
    milestone.status = status
    if delivered_on:
        milestone.delivered_on = delivered_on
    milestone.save()
    _note_on_cases(milestone.engagement, actor, "milestone.status", f"Milestone “{milestone.title}” marked "
                   f"{milestone.get_status_display().lower()}", milestone_id=milestone.pk, status=status)
    return milestone


@transaction.atomic
def invoice_add(*, actor: User, engagement: Engagement, number: str, amount: object, issue_date: dt.date,
                due_date: dt.date) -> Invoice:
    number = number.strip()
    if not number:
        raise ValidationError({"number": "Enter the invoice number as it appears on the invoice."})
    value = money_value(amount, engagement.currency, "amount")
    if due_date < issue_date:
        raise ValidationError({"due_date": f"The due date ({due_date}) is before the issue date ({issue_date})."})
    if engagement.invoices.filter(number=number).exists():
        raise ValidationError({"number": f"Invoice {number} already exists on this engagement."})
    try:
        with transaction.atomic():
            invoice = Invoice.objects.create(engagement=engagement, number=number, amount=value,
                                             issue_date=issue_date, due_date=due_date)
    except IntegrityError:
        raise ValidationError({"number": f"Invoice {number} already exists on this engagement."}) from None
    _note_on_cases(engagement, actor, "invoice.added", f"Invoice {number} added ({engagement.currency} {value}, "
                   f"due {due_date})", invoice_id=invoice.pk)
    return invoice


@transaction.atomic
def payment_record(*, actor: User, invoice: Invoice, amount: object, received_on: dt.date, note: str = "") -> Payment:
    value = money_value(amount, invoice.currency, "amount")
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": "A payment cannot be received in the future."})
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if value > locked.outstanding():
        raise ValidationError({"amount": f"That is more than the {invoice.currency} {locked.outstanding()} "
                                         f"still outstanding on invoice {invoice.number}."})
    payment = Payment.objects.create(invoice=locked, amount=value, received_on=received_on, note=note.strip()[:200])
    _note_on_cases(invoice.engagement, actor, "payment.recorded", f"Payment of {invoice.currency} {value} "
                   f"received on {received_on} for invoice {invoice.number}", invoice_id=invoice.pk)
    return payment


def _clean_types(types: list[str]) -> list[str]:
    unknown = [t for t in types if t not in DisputeType.values]
    if unknown:
        raise ValidationError({"dispute_types": f"Unknown dispute type “{unknown[0]}”. Choose from: "
                                                f"{', '.join(DisputeType.values)}."})
    return list(dict.fromkeys(types))


@transaction.atomic
def case_open(*, actor: User, engagement: Engagement, title: str, dispute_types: list[str] | None = None,
              amount: object = None, currency: str = "", summary: str = "") -> Case:
    """Open a case on an engagement; the first case event records who opened it and why."""
    if not title.strip():
        raise ValidationError({"title": "Give the case a short title, like “Unpaid invoice 2024-07”."})
    code = _currency(currency or engagement.currency)
    value = None if amount in (None, "") else money_value(amount, code, "amount")
    case = Case.objects.create(workspace=engagement.workspace, engagement=engagement, title=title.strip(),
                               dispute_types=_clean_types(dispute_types or []), amount_in_dispute=value,
                               currency=code, summary=summary.strip(), created_by=actor)
    event_add(case=case, actor=actor, kind="case.opened", summary=f"Case opened: {case.title}",
              dispute_types=case.dispute_types, amount=str(value) if value is not None else None, currency=code)
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, title: str | None = None, summary: str | None = None,
                amount: object = None, currency: str | None = None) -> Case:
    changes: dict[str, object] = {}
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": "The case needs a title."})
        changes["title"] = title.strip()
    if summary is not None:
        changes["summary"] = summary.strip()
    code = _currency(currency) if currency else case.currency
    if amount not in (None, ""):
        changes["amount_in_dispute"] = money_value(amount, code, "amount")
        changes["currency"] = code
    for key, value in changes.items():
        setattr(case, key, value)
    case.save()
    event_add(case=case, actor=actor, kind="case.updated", summary="Case details updated: " + ", ".join(changes),
              fields=sorted(changes))
    return case


INTAKE_FIELDS = ("agreed", "delivered", "delivered_on", "client_says", "you_say", "amount", "currency",
                 "desired_outcome")


@transaction.atomic
def case_intake_save(*, actor: User, case: Case, answers: dict[str, object]) -> Case:
    """Store the intake answers; the amount (if given) becomes the amount in dispute."""
    stored = {k: (str(answers[k]).strip() if answers.get(k) is not None else "") for k in INTAKE_FIELDS if k in answers}
    if stored.get("amount"):
        code = _currency(stored.get("currency") or case.currency)
        case.amount_in_dispute = money_value(stored["amount"], code, "amount")
        case.currency = code
        stored["amount"], stored["currency"] = str(case.amount_in_dispute), code
    case.intake = {**case.intake, **stored}
    case.save()
    event_add(case=case, actor=actor, kind="case.intake_saved", summary="Intake answers saved",
              fields=sorted(k for k, v in stored.items() if v))
    return case


@transaction.atomic
def case_types_confirm(*, actor: User, case: Case, dispute_types: list[str]) -> Case:
    types = _clean_types(dispute_types)
    if not types:
        raise ValidationError({"dispute_types": "Choose at least one type of dispute (or “Other”)."})
    before = list(case.dispute_types)
    case.dispute_types = types
    case.types_confirmed_at = timezone.now()
    case.save()
    labels = ", ".join(dict(DisputeType.choices)[t] for t in types)
    event_add(case=case, actor=actor, kind="case.types_confirmed", summary=f"Dispute types confirmed: {labels}",
              before=before, after=types)
    return case


@transaction.atomic
def deadline_add(*, actor: User, case: Case, what: str, due_at: dt.datetime, if_missed: str = "",
                 step: int | None = None, allow_past: bool = False) -> Deadline:
    if not what.strip():
        raise ValidationError({"what": "Say what is due, like “Client's reply to the final notice”."})
    if timezone.is_naive(due_at):
        raise ValidationError({"due_at": "The due time needs a time zone."})
    if not allow_past and due_at < timezone.now():
        raise ValidationError({"due_at": "That date is in the past: a new deadline must be in the future."})
    if step is not None and not 1 <= step <= 10:
        raise ValidationError({"step": "The step must be between 1 and 10."})
    if case.stage == Stage.CLOSED:
        raise ValidationError({"what": "This case is closed; reopen it before adding deadlines."})
    deadline = Deadline.objects.create(case=case, what=what.strip(), due_at=due_at, if_missed=if_missed.strip(),
                                       step=step)
    event_add(case=case, actor=actor, kind="deadline.added", summary=f"Deadline added: {deadline.what} "
              f"({timezone.localtime(due_at):%Y-%m-%d %H:%M})", deadline_id=deadline.pk)
    return deadline


@transaction.atomic
def deadline_complete(*, actor: User, deadline: Deadline) -> Deadline:
    if not deadline.is_open:
        raise ValidationError({"deadline": "This deadline is already done or cancelled."})
    deadline.done_at = timezone.now()
    deadline.save(update_fields=["done_at"])
    event_add(case=deadline.case, actor=actor, kind="deadline.done", summary=f"Deadline met: {deadline.what}",
              deadline_id=deadline.pk)
    return deadline


@transaction.atomic
def deadline_cancel(*, actor: User, deadline: Deadline, reason: str = "") -> Deadline:
    if not deadline.is_open:
        raise ValidationError({"deadline": "This deadline is already done or cancelled."})
    deadline.cancelled_at = timezone.now()
    deadline.save(update_fields=["cancelled_at"])
    event_add(case=deadline.case, actor=actor, kind="deadline.cancelled",
              summary=f"Deadline cancelled: {deadline.what}" + (f" ({reason.strip()})" if reason.strip() else ""),
              deadline_id=deadline.pk)
    return deadline


def _refuse_if_cases(cases: int, what: str) -> None:
    if cases:
        plural = "case" if cases == 1 else "cases"
        raise ValidationError({"cases": f"{what} has {cases} {plural}. Cases are never deleted: close them "
                                        "instead, and keep the client and engagement as part of the record."})


@transaction.atomic
def engagement_delete(*, actor: User, engagement: Engagement) -> None:
    """Delete an engagement with its milestones, invoices and payments; refused when it has a case."""
    _refuse_if_cases(engagement.cases.count(), f"The engagement “{engagement.title}”")
    engagement.delete()


@transaction.atomic
def client_delete(*, actor: User, client: Client) -> None:
    """Delete a client and its engagements; refused when any of its engagements has a case."""
    _refuse_if_cases(Case.objects.filter(engagement__client=client).count(), f"The client “{client.name}”")
    Engagement.objects.filter(client=client).delete()
    client.delete()
