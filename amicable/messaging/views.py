"""Pages for steps 1–4: the tone coach, concerns, clarifying questions and the composer.

Each view: load the case through the gate ("view" to read, "edit" to write), validate, call one
service, render. Objects below a case come from that case, so a stranger gets a 404 everywhere.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from amicable.accounts.selectors import workspaces_for
from amicable.cases.selectors import case_for_user, may_edit

from . import compose, services
from .eml import build_eml
from .forms import AnswerForm, ConcernForm, CoolOffForm, DraftForm, MailSettingsForm, NewDraftForm, StatusForm
from .llm import LlmError, request_preview, rewrite
from .models import Concern, Draft
from .restate import restate_concern
from .selectors import (
    answers_for,
    case_facts,
    concern_for,
    default_recipient,
    draft_for,
    llm_config,
    mail_connection,
    mail_settings_for,
    message_for,
    question_for,
    question_values,
    suggested_questions,
)
from .tone import LABELS, NEGATIVE, ToneReport, check


# ---------------------------------------------------------------------------------------------------
# Tone panel (step 1)
# ---------------------------------------------------------------------------------------------------
def highlighted(text: str, report: ToneReport) -> SafeString:
    """The text with each finding wrapped in <mark> (escaped; overlapping findings: the first wins).

    Phrases are marked first; a whole sentence judged by the learned second opinion is marked only
    where no phrase inside it is (it is listed with the findings either way)."""
    phrases = sorted((f for f in report.findings if f.replaceable), key=lambda f: (f.start, -f.end))
    spans = [(f.start, f.end) for f in phrases]
    sentences = [f for f in report.findings if not f.replaceable
                 and not any(s < f.end and f.start < e for s, e in spans)]
    out: list[str] = []
    pos = 0
    for f in sorted(phrases + sentences, key=lambda f: (f.start, -f.end)):
        if f.start < pos:
            continue
        cls = "tone-bad" if f.category in NEGATIVE else "tone-good"
        out.append(escape(text[pos : f.start]))
        out.append(f'<mark class="{cls}" title="{escape(LABELS[f.category])}: {escape(f.message)}">'
                   f"{escape(text[f.start : f.end])}</mark>")
        pos = f.end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def _tone_context(text: str, kind: str = "free") -> dict[str, object]:
    report = check(text, allow_legal=kind in compose.LEGAL_KINDS)
    return {"report": report, "highlighted": highlighted(text, report), "labels": LABELS,
            "negatives": report.negatives, "good": sorted({LABELS[f.category] for f in report.positives})}


def tone_page(request: HttpRequest) -> HttpResponse:
    """A scratch pad: check any text (nothing is stored)."""
    text = request.POST.get("body", "") if request.method == "POST" else ""
    if request.headers.get("HX-Request"):
        return render(request, "messaging/_tone_panel.html", _tone_context(text))
    return render(request, "messaging/tone.html", {"text": text, **_tone_context(text)})


# ---------------------------------------------------------------------------------------------------
# Concerns (step 2)
# ---------------------------------------------------------------------------------------------------
def concerns(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    item = request.GET.get("item", "")
    form = ConcernForm(request.POST or None, initial={
        "quote": request.GET.get("quote", "")[:5000],
        "evidence_item_id": int(item) if item.isdigit() and int(item) > 0 else None,
        "source_ref": f"evidence item {item}" if item.isdigit() and int(item) > 0 else "",
    })
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        if form.is_valid():
            try:
                services.concern_add(actor=request.user, case=case, **form.cleaned_data)
            except ValidationError as exc:
                form.apply_service_error(exc)
            else:
                messages.success(request, "Concern recorded.")
                return redirect("messaging:concerns", case_id=case.pk)
    rows = [(c, restate_concern(c.quote, c.summary).text) for c in case.concerns.all()]
    return render(request, "messaging/concerns.html", {
        "case": case, "form": form, "rows": rows, "editable": may_edit(request.user, case),
        "statuses": Concern.Status.choices, "open_count": sum(1 for c, _ in rows if c.status == "open"),
    }, status=400 if request.method == "POST" else 200)


@require_POST
def concern_status(request: HttpRequest, case_id: int, concern_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    concern = concern_for(case, concern_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.concern_set_status(actor=request.user, concern=concern, status=form.cleaned_data["status"])
        messages.success(request, "Status updated.")
    else:
        messages.error(request, "Choose a valid status.")
    return redirect("messaging:concerns", case_id=case.pk)


@require_POST
def acknowledge(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    try:
        draft = services.draft_acknowledge(actor=request.user, case=case, facts=case_facts(case, request.user),
                                           to_email=default_recipient(case))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("messaging:concerns", case_id=case.pk)
    return redirect("messaging:draft", case_id=case.pk, draft_id=draft.pk)


# ---------------------------------------------------------------------------------------------------
# Clarifying questions (step 3)
# ---------------------------------------------------------------------------------------------------
def questions_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        ids = request.POST.getlist("question_ids")
        try:
            if request.POST.get("draft_id"):
                target = draft_for(case, request.POST["draft_id"])
                draft = services.draft_add_questions(actor=request.user, draft=target, question_ids=ids,
                                                     values=question_values(case))
            else:
                draft = services.draft_clarify(actor=request.user, case=case, facts=case_facts(case, request.user),
                                               question_ids=ids, values=question_values(case),
                                               to_email=default_recipient(case))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("messaging:draft", case_id=case.pk, draft_id=draft.pk)
    from .questions import fill

    values = question_values(case)
    suggested = [(q, fill(q.text, values)) for q in suggested_questions(case)]
    answered = answers_for(case)
    asked = {qid for d in case.drafts.filter(kind="clarify") for qid in d.meta.get("question_ids", [])}
    return render(request, "messaging/questions.html", {
        "case": case, "suggested": suggested, "answered": answered, "asked": asked,
        "answer_form": AnswerForm(), "editable": may_edit(request.user, case),
        "open_drafts": case.drafts.filter(status=Draft.Status.DRAFT),
    })


@require_POST
def answer(request: HttpRequest, case_id: int, question_id: str) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    q = question_for(question_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_record(actor=request.user, case=case, question_id=q.id, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Answer recorded as a case fact.")
    else:
        messages.error(request, "Write down the client's answer first.")
    return redirect("messaging:questions", case_id=case.pk)


# ---------------------------------------------------------------------------------------------------
# Composer (step 4)
# ---------------------------------------------------------------------------------------------------
def compose_page(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    form = NewDraftForm(request.POST or None)
    if request.method == "POST" and "quote" in request.POST:
        return _compose_quote(request, case_id)
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        if form.is_valid():
            draft = services.draft_from_template(actor=request.user, case=case, kind=form.cleaned_data["kind"],
                                                 facts=case_facts(case, request.user),
                                                 to_email=default_recipient(case))
            return redirect("messaging:draft", case_id=case.pk, draft_id=draft.pk)
        messages.error(request, "Choose a template.")
    return render(request, "messaging/compose.html", {
        "case": case, "form": form, "kinds": [(k, v) for k, v in compose.KINDS.items() if k in compose.SIMPLE],
        "drafts": case.drafts.filter(status=Draft.Status.DRAFT), "sent": case.messages.all(),
        "editable": may_edit(request.user, case), "quote": request.GET.get("quote", "")[:10000],
    })


def _compose_quote(request: HttpRequest, case_id: int) -> HttpResponse:
    """Put a contract quote into the chosen open draft, or a new one, then open that draft."""
    case = case_for_user(request.user, case_id, need="edit")
    target = None
    if request.POST.get("draft_id"):
        target = draft_for(case, request.POST["draft_id"])
    try:
        item = services.draft_add_quote(actor=request.user, case=case, quote=request.POST.get("quote", ""),
                                        draft=target)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("messaging:compose", case_id=case.pk)
    messages.success(request, "The clause is in the draft. Edit around it, then send.")
    return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)


def draft(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    item = draft_for(case, draft_id)
    form = DraftForm(request.POST or None, initial={"to_email": item.to_email, "subject": item.subject,
                                                    "body": item.body})
    status = 200
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        if form.is_valid():
            try:
                services.draft_save(actor=request.user, draft=item, **form.cleaned_data)
            except ValidationError as exc:
                form.apply_service_error(exc)
                status = 400
            else:
                messages.success(request, "Draft saved.")
                return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)
        else:
            status = 400
    connection, from_email = mail_connection(case.workspace)
    body = form.data.get("body", item.body) if form.is_bound else item.body
    return render(request, "messaging/draft.html", {
        "case": case, "draft": item, "form": form, "editable": may_edit(request.user, case),
        "revisions": item.revisions.all()[:20], "kind_label": compose.KINDS.get(item.kind, item.kind),
        "can_send": connection is not None, "from_email": from_email, "cool_off_form": CoolOffForm(),
        "llm_enabled": llm_config().enabled, "sent_messages": item.messages.all(), **_tone_context(body, item.kind),
        "apply_url": _apply_url(request, case, item),
    }, status=status)


@require_POST
def draft_tone(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    """HTMX: the tone panel for the text being typed (nothing is saved)."""
    case = case_for_user(request.user, case_id)
    item = draft_for(case, draft_id)
    context = _tone_context(request.POST.get("body", ""), item.kind)
    context["apply_url"] = _apply_url(request, case, item)
    return render(request, "messaging/_tone_panel.html", context)


def _apply_url(request: HttpRequest, case: object, item: object) -> str:
    """Where "Accept all calmer wording" posts, when this user may still change this draft."""
    if item.status == "sent" or not may_edit(request.user, case):  # type: ignore[attr-defined]
        return ""
    return reverse("messaging:draft_apply", args=[case.pk, item.pk])  # type: ignore[attr-defined]


@require_POST
def draft_apply(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    item = draft_for(case, draft_id)
    only = request.POST.getlist("finding") or None
    try:
        if "body" in request.POST:  # the composer sends what is typed: keep it first
            form = DraftForm(request.POST)
            if form.is_valid():
                services.draft_save(actor=request.user, draft=item, **form.cleaned_data)
        services.draft_apply_suggestions(actor=request.user, draft=item, only=only)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Calmer wording applied. Reread it before sending.")
    return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)


@require_POST
def draft_send(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    item = draft_for(case, draft_id)
    connection, from_email = mail_connection(case.workspace)
    if connection is None:
        messages.error(request, "Outgoing email is not set up yet: set it up, or download the .eml / copy the text.")
        return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)
    try:
        services.draft_send(actor=request.user, draft=item, connection=connection, from_email=from_email)
    except (ValidationError, services.SendError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, f"Not sent. {text} Your draft is kept.")
        return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)
    messages.success(request, f"Sent to {item.to_email} and filed on the case.")
    return redirect("messaging:compose", case_id=case.pk)


@require_POST
def draft_mark_sent(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    item = draft_for(case, draft_id)
    try:
        services.draft_record_sent(actor=request.user, draft=item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)
    messages.success(request, "Filed on the case as sent by you.")
    return redirect("messaging:compose", case_id=case.pk)


def draft_eml(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    item = draft_for(case, draft_id)
    _conn, from_email = mail_connection(case.workspace)
    data = build_eml(subject=item.subject, body=item.body, from_addr=from_email, to_addr=item.to_email,
                     when=timezone.now())
    response = HttpResponse(data, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="draft-{item.pk}.eml"'
    return response


@require_POST
def draft_cool_off(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    item = draft_for(case, draft_id)
    form = CoolOffForm(request.POST)
    if form.is_valid():
        until = form.cleaned_data["until"]
        if timezone.is_naive(until):
            until = timezone.make_aware(until)
        try:
            services.draft_set_cool_off(actor=request.user, draft=item, until=until)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Cool-off set: the case shows a reminder at that time. Nothing is sent.")
    else:
        messages.error(request, "Choose the date and time to be reminded.")
    return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)


def draft_rewrite(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    """Show exactly what would be sent to the rewrite service; send it only on confirmation (POST)."""
    case = case_for_user(request.user, case_id)
    item = draft_for(case, draft_id)
    config = llm_config()
    if not config.enabled:
        messages.error(request, "The rewrite service is not configured (see docs/settings.md).")
        return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)
    context: dict[str, object] = {"case": case, "draft": item, "preview": request_preview(config, item.body)}
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        try:
            context["suggestion"] = rewrite(config, item.body)
        except LlmError as exc:
            context["error"] = str(exc)
        else:
            context.update(_tone_context(str(context["suggestion"]), item.kind))
    return render(request, "messaging/rewrite.html", context)


@require_POST
def draft_use_rewrite(request: HttpRequest, case_id: int, draft_id: int) -> HttpResponse:
    """Keep a suggested rewrite as a new revision of the draft."""
    case = case_for_user(request.user, case_id, need="edit")
    item = draft_for(case, draft_id)
    text = request.POST.get("text", "")
    try:
        services.draft_save(actor=request.user, draft=item, subject=item.subject, body=text, to_email=item.to_email,
                            note="Rewrite suggestion used")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("messaging:draft", case_id=case.pk, draft_id=item.pk)


def message(request: HttpRequest, case_id: int, message_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    item = message_for(case, message_id)
    return render(request, "messaging/message.html", {"case": case, "message": item, "labels": LABELS})


# ---------------------------------------------------------------------------------------------------
# Outgoing mail settings (local mode; the workspace owner)
# ---------------------------------------------------------------------------------------------------
def mail_settings(request: HttpRequest) -> HttpResponse:
    """Local mode only: in server mode outgoing mail comes from the AMICABLE_SMTP_* settings."""
    owned = workspaces_for(request.user, need="own")
    if not owned or not settings.LOCAL_MODE:
        raise Http404("No workspace of yours")
    workspace = owned[0]
    current = mail_settings_for(workspace)
    initial = {"host": current.host, "port": current.port, "security": current.security,
               "username": current.username, "from_email": current.from_email,
               "timeout": current.timeout} if current else {}
    form = MailSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.mail_settings_save(actor=request.user, workspace=workspace, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Outgoing email saved.")
            return redirect("messaging:mail_settings")
    return render(request, "messaging/mail_settings.html", {
        "form": form, "current": current, "has_password": bool(current and current.password),
    }, status=400 if request.method == "POST" else 200)
