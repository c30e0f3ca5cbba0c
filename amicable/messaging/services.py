"""Writes for messaging: concerns, answers, drafts (with revisions), sending, mail settings.

Every function is `<entity>_<verb>(*, actor, ...)`, runs in a transaction and, when it changes a case,
appends a CaseEvent in the same transaction. Errors are ValidationErrors keyed by field; a refused or
timed-out send is a SendError and records nothing.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from amicable.accounts.models import User, Workspace
from amicable.cases.models import Case
from amicable.cases.services import deadline_add, event_add

from . import compose, questions
from .models import Concern, Draft, DraftRevision, MailSettings, Message, QuestionAnswer
from .restate import acknowledgement_body, restate_concern
from .tone import apply_suggestions, check

MAX_BODY = 100_000


class SendError(Exception):
    """The mail server refused the message or could not be reached; nothing was recorded as sent."""


# ---------------------------------------------------------------------------------------------------
# Concerns (step 2)
# ---------------------------------------------------------------------------------------------------
@transaction.atomic
def concern_add(*, actor: User, case: Case, quote: str, type: str = "other", summary: str = "",  # noqa: A002
                source_ref: str = "", evidence_item_id: int | None = None) -> Concern:
    quote = (quote or "").strip()
    if not quote:
        raise ValidationError({"quote": "Paste the client's words (the sentence where they raise the point)."})
    if len(quote) > 5000:
        raise ValidationError({"quote": "Keep the quote under 5,000 characters: the sentence or two that matter."})
    if type not in Concern.Type.values:
        raise ValidationError({"type": f"Choose one of: {', '.join(Concern.Type.values)}."})
    if evidence_item_id is not None and evidence_item_id <= 0:
        raise ValidationError({"evidence_item_id": "An evidence item number is a positive whole number."})
    if evidence_item_id is not None and not case.evidence_items.filter(pk=evidence_item_id).exists():
        raise ValidationError({"evidence_item_id": f"This case has no evidence item {evidence_item_id}."})
    concern = Concern.objects.create(case=case, quote=quote, type=type, summary=summary.strip()[:300],
                                     source_ref=source_ref.strip()[:300], evidence_item_id=evidence_item_id,
                                     created_by=actor)
    event_add(case=case, actor=actor, kind="messaging.concern_added",
              summary=f"Concern recorded ({concern.get_type_display()}): “{quote[:80]}”",
              concern_id=concern.pk, type=type)
    return concern


@transaction.atomic
def concern_set_status(*, actor: User, concern: Concern, status: str) -> Concern:
    if status not in Concern.Status.values:
        raise ValidationError({"status": f"Choose one of: {', '.join(Concern.Status.values)}."})
    before = concern.status
    if before == status:
        return concern
    concern.status = status
    concern.updated_at = timezone.now()
    concern.save(update_fields=["status", "updated_at"])
    event_add(case=concern.case, actor=actor, kind="messaging.concern_status",
              summary=f"Concern marked {concern.get_status_display().lower()}: “{concern.quote[:60]}”",
              concern_id=concern.pk, before=before, after=status)
    return concern


# ---------------------------------------------------------------------------------------------------
# Clarifying questions (step 3)
# ---------------------------------------------------------------------------------------------------
@transaction.atomic
def answer_record(*, actor: User, case: Case, question_id: str, answer: str, source_ref: str = "") -> QuestionAnswer:
    q = questions.question(question_id)
    if q is None:
        raise ValidationError({"question_id": "Unknown question."})
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Write down the client's answer (or quote it)."})
    row, created = QuestionAnswer.objects.update_or_create(
        case=case, question_id=q.id,
        defaults={"question_text": q.text[:400], "answer": answer[:5000], "source_ref": source_ref.strip()[:300],
                  "recorded_by": actor, "recorded_at": timezone.now()})
    event_add(case=case, actor=actor, kind="messaging.answer_recorded",
              summary=f"Answer {'recorded' if created else 'updated'}: {q.text[:80]}", question_id=q.id)
    return row


# ---------------------------------------------------------------------------------------------------
# Drafts (step 4)
# ---------------------------------------------------------------------------------------------------
def _tone(draft_kind: str, body: str) -> tuple[int, str]:
    report = check(body, allow_legal=draft_kind in compose.LEGAL_KINDS)
    return report.score, report.verdict


def _revise(draft: Draft, actor: User, note: str) -> None:
    number = (draft.revisions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    DraftRevision.objects.create(draft=draft, number=number, subject=draft.subject, body=draft.body,
                                 tone_score=draft.tone_score, tone_verdict=draft.tone_verdict, note=note[:200],
                                 created_by=actor)


def _clean_draft(subject: str, body: str, to_email: str) -> tuple[str, str, str]:
    subject = (subject or "").strip()
    body = (body or "").replace("\r\n", "\n")
    to_email = (to_email or "").strip()
    if len(subject) > 300:
        raise ValidationError({"subject": "Keep the subject under 300 characters."})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": f"The message is too long (over {MAX_BODY:,} characters)."})
    if to_email:
        try:
            validate_email(to_email)
        except ValidationError:
            raise ValidationError({"to_email": "Enter one valid email address."}) from None
    return subject, body, to_email


@transaction.atomic
def draft_create(*, actor: User, case: Case, kind: str, subject: str, body: str, to_email: str = "",
                 meta: dict | None = None, note: str = "") -> Draft:
    if kind not in compose.KINDS:
        raise ValidationError({"kind": f"Choose one of: {', '.join(compose.KINDS)}."})
    subject, body, to_email = _clean_draft(subject, body, to_email)
    score, verdict = _tone(kind, body)
    draft = Draft.objects.create(case=case, kind=kind, subject=subject, body=body, to_email=to_email,
                                 tone_score=score, tone_verdict=verdict, meta=meta or {}, created_by=actor)
    _revise(draft, actor, note or f"Started from the “{compose.KINDS[kind]}” template")
    event_add(case=case, actor=actor, kind="messaging.draft_created",
              summary=f"Draft started: {subject or compose.KINDS[kind]}", draft_id=draft.pk, template=kind)
    return draft


@transaction.atomic
def draft_save(*, actor: User, draft: Draft, subject: str, body: str, to_email: str, note: str = "") -> Draft:
    """Save an edit. A new revision is kept only when something changed."""
    if draft.status == Draft.Status.SENT:
        raise ValidationError({"body": "This message was sent; start a new draft to write again."})
    subject, body, to_email = _clean_draft(subject, body, to_email)
    if (subject, body, to_email) == (draft.subject, draft.body, draft.to_email):
        return draft
    draft.subject, draft.body, draft.to_email = subject, body, to_email
    draft.tone_score, draft.tone_verdict = _tone(draft.kind, body)
    draft.updated_at = timezone.now()
    draft.save()
    _revise(draft, actor, note or "Edited")
    return draft


def draft_apply_suggestions(*, actor: User, draft: Draft, only: Iterable[str] | None = None) -> Draft:
    """Replace flagged phrases with the coach's calmer wording (all, or the "start:end" keys in ``only``)."""
    report = check(draft.body, allow_legal=draft.kind in compose.LEGAL_KINDS)
    body = apply_suggestions(draft.body, report.findings, only=only)
    return draft_save(actor=actor, draft=draft, subject=draft.subject, body=body, to_email=draft.to_email,
                      note="Calmer wording accepted")


@transaction.atomic
def draft_set_cool_off(*, actor: User, draft: Draft, until: dt.datetime) -> Draft:
    """Remember to come back to a heated draft: a deadline on the case at the chosen time."""
    if timezone.is_naive(until):
        raise ValidationError({"until": "Give the time with its time zone."})
    if until <= timezone.now():
        raise ValidationError({"until": "Choose a time in the future."})
    if until > timezone.now() + dt.timedelta(days=30):
        raise ValidationError({"until": "A cool-off is at most 30 days."})
    draft.cool_off_until = until
    draft.save(update_fields=["cool_off_until"])
    deadline_add(actor=actor, case=draft.case, what=f"Cool-off over: reread the draft “{draft.subject[:80]}”",
                 due_at=until, if_missed="Nothing is sent until you decide.", step=1)
    event_add(case=draft.case, actor=actor, kind="messaging.cool_off",
              summary=f"Cool-off until {timezone.localtime(until):%d %b %Y %H:%M} for a heated draft",
              draft_id=draft.pk)
    return draft


def draft_send(*, actor: User, draft: Draft, connection: BaseEmailBackend, from_email: str) -> Message:
    """Send by email. On a refusal or timeout raise SendError: the draft stays as it is, nothing is
    recorded as sent. On success the draft becomes a Message with its tone report and a case event."""
    if draft.status == Draft.Status.SENT:
        raise ValidationError({"body": "This message was already sent."})
    if not draft.to_email:
        raise ValidationError({"to_email": "Add the client's email address before sending."})
    if not draft.body.strip():
        raise ValidationError({"body": "The message is empty."})
    email = EmailMessage(subject=draft.subject, body=draft.body, from_email=from_email, to=[draft.to_email],
                         connection=connection)
    email.extra_headers["Message-ID"] = message_id = _message_id(from_email)
    try:
        sent = email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        raise SendError(f"The mail server refused the recipient {draft.to_email}: {_smtp_reason(exc)}") from None
    except smtplib.SMTPAuthenticationError:
        raise SendError("The mail server refused the user name or password.") from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"The mail server refused the message ({exc.smtp_code}): {_decode(exc.smtp_error)}") from None
    except TimeoutError:
        raise SendError("The mail server did not answer in time. Nothing was sent.") from None
    except smtplib.SMTPServerDisconnected as exc:
        if "timed out" in str(exc):
            raise SendError("The mail server did not answer in time. Nothing was sent.") from None
        raise SendError(f"The mail server closed the connection: {exc}.") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"Could not send through the mail server: {exc}.") from None
    if not sent:
        raise SendError("The mail server did not accept the message. Nothing was sent.")
    return _record_sent(actor=actor, draft=draft, channel=Message.Channel.SMTP, from_email=from_email,
                        message_id=message_id)


def draft_record_sent(*, actor: User, draft: Draft) -> Message:
    """The freelancer sent it themselves (copied or downloaded as .eml): file it as sent."""
    if draft.status == Draft.Status.SENT:
        raise ValidationError({"body": "This message was already sent."})
    if not draft.body.strip():
        raise ValidationError({"body": "The message is empty."})
    return _record_sent(actor=actor, draft=draft, channel=Message.Channel.MANUAL, from_email="", message_id="")


@transaction.atomic
def _record_sent(*, actor: User, draft: Draft, channel: str, from_email: str, message_id: str) -> Message:
    report = check(draft.body, allow_legal=draft.kind in compose.LEGAL_KINDS)
    message = Message.objects.create(case=draft.case, draft=draft, channel=channel, from_email=from_email,
                                     to_email=draft.to_email, subject=draft.subject, body=draft.body,
                                     message_id=message_id, tone_report=report.to_dict(), sent_by=actor)
    draft.status = Draft.Status.SENT
    draft.updated_at = timezone.now()
    draft.save(update_fields=["status", "updated_at"])
    how = "by email" if channel == Message.Channel.SMTP else "(sent by you)"
    event_add(case=draft.case, actor=actor, kind="messaging.message_sent",
              summary=f"Message sent {how}: {draft.subject or '(no subject)'} — tone {report.summary()}",
              message_id=message.pk, draft_id=draft.pk, to=draft.to_email, verdict=report.verdict,
              score=report.score)
    for concern in draft.case.concerns.filter(pk__in=draft.meta.get("concern_ids", []), status=Concern.Status.OPEN):
        concern_set_status(actor=actor, concern=concern, status=Concern.Status.ACKNOWLEDGED)
    if channel == Message.Channel.SMTP:
        _file_sent(actor=actor, message=message)
    return message


def _file_sent(*, actor: User, message: Message) -> None:
    """File a message sent by email into the case's evidence vault (same transaction as the send record).
    Messages the freelancer sent themselves (copied, .eml) are not filed: amicable did not send them."""
    from amicable.evidence.services import evidence_file_item

    name = actor.name or ""
    author = f"{name} <{message.from_email}>" if name and message.from_email else (message.from_email or name)
    evidence_file_item(actor=actor, case=message.case, kind="email", subject=message.subject, body=message.body,
                       occurred_at=message.sent_at, author=author, participants=[message.to_email],
                       external_id=sent_external_id(message), importer="messaging", source_name="Composer",
                       thread_key=message.message_id,
                       meta={"tone_report": message.tone_report, "message_id": message.message_id,
                             "messaging_message": message.pk})


def sent_external_id(message: Message) -> str:
    """The evidence vault's external id of a message sent by email."""
    return f"messaging:message:{message.pk}"


def _message_id(from_email: str) -> str:
    from email.utils import make_msgid

    domain = from_email.rsplit("@", 1)[-1] if "@" in from_email else "amicable.local"
    return make_msgid(domain=domain.strip("> "))


def _decode(raw: object) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _smtp_reason(exc: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(f"{code} {_decode(msg)}" for code, msg in exc.recipients.values()) or "refused"


# ---------------------------------------------------------------------------------------------------
# Drafts from templates
# ---------------------------------------------------------------------------------------------------
def draft_from_template(*, actor: User, case: Case, kind: str, facts: compose.CaseFacts, to_email: str = "") -> Draft:
    if kind not in compose.SIMPLE:
        raise ValidationError({"kind": "This template is started from the concerns or questions page."})
    subject, body = compose.SIMPLE[kind](facts)
    return draft_create(actor=actor, case=case, kind=kind, subject=subject, body=body, to_email=to_email)


def draft_acknowledge(*, actor: User, case: Case, facts: compose.CaseFacts, to_email: str = "") -> Draft:
    """The acknowledgement message: every open concern restated neutrally."""
    open_concerns = list(case.concerns.filter(status=Concern.Status.OPEN))
    if not open_concerns:
        raise ValidationError({"concerns": "Record at least one open concern first."})
    body = acknowledgement_body([restate_concern(c.quote, c.summary) for c in open_concerns],
                                client_name=facts.greeting_name, sender_name=facts.sender_name)
    subject, body = compose.acknowledge(facts, body)
    return draft_create(actor=actor, case=case, kind="acknowledge", subject=subject, body=body, to_email=to_email,
                        meta={"concern_ids": [c.pk for c in open_concerns]},
                        note="Started from the open concerns")


def draft_clarify(*, actor: User, case: Case, facts: compose.CaseFacts, question_ids: list[str],
                  values: dict[str, str], to_email: str = "") -> Draft:
    chosen = [q for q in (questions.question(i) for i in question_ids) if q is not None]
    if not chosen:
        raise ValidationError({"question_ids": "Choose at least one question."})
    body = questions.clarifying_body(chosen, values, client_name=facts.greeting_name, sender_name=facts.sender_name)
    subject, body = compose.clarify(facts, body)
    return draft_create(actor=actor, case=case, kind="clarify", subject=subject, body=body, to_email=to_email,
                        meta={"question_ids": [q.id for q in chosen]}, note="Started from the chosen questions")


def draft_add_questions(*, actor: User, draft: Draft, question_ids: list[str], values: dict[str, str]) -> Draft:
    """Add chosen clarifying questions to a draft being written, before its sign-off."""
    chosen = [q for q in (questions.question(i) for i in question_ids) if q is not None]
    if not chosen:
        raise ValidationError({"question_ids": "Choose at least one question."})
    block = "\n".join(["To make sure we resolve this properly, could you help me with a few questions?", "",
                       *(f"{i}. {questions.fill(q.text, values)}" for i, q in enumerate(chosen, start=1)), ""])
    body = draft.body.rstrip("\n")
    cut = body.rfind("\nBest regards,")
    body = f"{body[:cut]}\n\n{block}{body[cut:]}\n" if cut != -1 else f"{body}\n\n{block}"
    draft.meta = {**draft.meta, "question_ids": sorted({*draft.meta.get("question_ids", []), *(q.id for q in chosen)})}
    draft.save(update_fields=["meta"])
    return draft_save(actor=actor, draft=draft, subject=draft.subject, body=body, to_email=draft.to_email,
                      note="Clarifying questions added")


# ---------------------------------------------------------------------------------------------------
# Outgoing mail settings (local mode)
# ---------------------------------------------------------------------------------------------------
@transaction.atomic
def mail_settings_save(*, actor: User, workspace: Workspace, host: str, port: int, from_email: str,
                       username: str = "", password: str | None = None, security: str = "starttls",
                       timeout: int = 20) -> MailSettings:
    """Store the SMTP settings. ``password=None`` (or "") keeps the stored one."""
    host = (host or "").strip()
    if not host:
        raise ValidationError({"host": "Enter the mail server's host name."})
    if not 1 <= int(port) <= 65535:
        raise ValidationError({"port": "A port is a number from 1 to 65535."})
    if security not in ("starttls", "ssl", "none"):
        raise ValidationError({"security": "Choose STARTTLS, SSL/TLS or none."})
    if not 1 <= int(timeout) <= 120:
        raise ValidationError({"timeout": "Choose a timeout from 1 to 120 seconds."})
    try:
        validate_email(from_email)
    except ValidationError:
        raise ValidationError({"from_email": "Enter the address your messages come from."}) from None
    row = MailSettings.objects.filter(workspace=workspace).first() or MailSettings(workspace=workspace)
    row.host, row.port, row.username, row.security = host, int(port), username.strip(), security
    row.from_email, row.timeout, row.updated_at = from_email.strip(), int(timeout), timezone.now()
    if password:
        row.password = password
    row.save()
    return row


@transaction.atomic
def draft_add_quote(*, actor: User, case: Case, quote: str, draft: Draft | None = None) -> Draft:
    """Put a quoted contract clause (citation and text) into `draft`, or into a new blank draft."""
    quote = quote.strip()
    if not quote:
        raise ValidationError({"quote": "There is nothing to quote: choose a clause on the contract page."})
    if draft is None:
        return draft_create(actor=actor, case=case, kind="free", subject="About our contract", body=quote,
                            note="Started with a quoted contract clause")
    body = f"{draft.body.rstrip()}\n\n{quote}" if draft.body.strip() else quote
    return draft_save(actor=actor, draft=draft, subject=draft.subject, body=body, to_email=draft.to_email,
                      note="Added a quoted contract clause")
