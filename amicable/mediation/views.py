"""The case room: one page per case for everyone invited, plus invitations, items, notes, sessions,
the view audit trail, and notifications. Invited participants reach only these pages (and the
negotiation pages that are theirs): `case_for_user(..., need="room")`, then a role check, else 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from amicable.accounts.models import User
from amicable.cases.models import Case
from amicable.cases.selectors import case_for_user

from . import ratelimit, selectors, services
from .forms import AcceptInvitationForm, InviteForm, ItemForm, NoteForm, SessionForm, VisibilityForm
from .ics import Attendee, SessionInvite, render_invite

EDITORS = ("owner", "member")
FREELANCER_SIDE = ("owner", "member", "readonly")
ROOM = (*FREELANCER_SIDE, "client", "mediator", "counsel")


def room_context(request: HttpRequest, case: Case, role: str) -> dict[str, Any]:
    """What every room-aware page needs: the case, the viewer's role, and the right page frame
    (the full case header for the freelancer's side; the room header for invited participants)."""
    side = role in FREELANCER_SIDE
    return {"case": case, "role": role, "freelancer_side": side, "can_edit": role in EDITORS,
            "base_template": "cases/case_base.html" if side else "mediation/participant_base.html",
            "muted": selectors.is_muted(request.user, case)}


def _room(request: HttpRequest, case_id: int, *roles: str) -> tuple[Case, str]:
    case = case_for_user(request.user, case_id, need="room")
    return case, selectors.require_role(request.user, case, *roles)


def _room_timeline(case: Case) -> Any:
    return case.events.filter(data__room=True).select_related("actor").order_by("-at", "-pk")[:100]


def room(request: HttpRequest, case_id: int, status: int = 200, **forms: Any) -> HttpResponse:
    case, role = _room(request, case_id, *ROOM)
    from amicable.negotiation.selectors import live_agreement, rounds_for, threads

    context = {
        **room_context(request, case, role),
        "items": selectors.room_items(case, request.user, role), "notes": selectors.room_notes(case, request.user),
        "evidence": selectors.shared_evidence(case, request.user),
        "sessions": selectors.sessions(case), "timeline": _room_timeline(case),
        "threads": threads(case, request.user), "rounds": rounds_for(case, request.user),
        "agreement": live_agreement(case),
        "participants": selectors.participants(case) if role in FREELANCER_SIDE else (),
        "invitations": selectors.invitations(case) if role in FREELANCER_SIDE else (),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "item_form": forms.get("item_form") or ItemForm(participant=role not in FREELANCER_SIDE),
        "note_form": forms.get("note_form") or NoteForm(),
        "session_form": forms.get("session_form") or SessionForm(),
        "new_link": request.session.pop("new_invitation_link", None) if role in EDITORS else None,
    }
    return render(request, "mediation/room.html", context, status=status)


@require_POST
def invite(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *EDITORS)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            issued = services.invitation_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            # Shown once on the next page (for copying when email is not set up), never stored in clear.
            request.session["new_invitation_link"] = request.build_absolute_uri(issued.path)
            messages.success(request, f"Invitation sent to {issued.invitation.email}.")
            return redirect("mediation:room", case_id=case.pk)
    return room(request, case_id, status=400, invite_form=form)


@require_POST
def invitation_revoke(request: HttpRequest, case_id: int, invitation_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *EDITORS)
    invitation = selectors.invitation(case, invitation_id)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"The invitation of {invitation.email} no longer works.")
    return redirect("mediation:room", case_id=case.pk)


@require_POST
def participant_remove(request: HttpRequest, case_id: int, grant_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *EDITORS)
    grant = selectors.participant(case, grant_id)
    try:
        services.grant_revoke(actor=request.user, grant=grant)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{grant.user.name} no longer has access to the room.")
    return redirect("mediation:room", case_id=case.pk)


@ratelimit.rate_limited(ratelimit.INVITE_TOKEN)
def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the invitation (so link scanners cannot use it up); POST joins the room."""
    try:
        invitation = services.invitation_check(token)
    except services.InvitationError as exc:
        return render(request, "mediation/invite_accept.html", {"error": str(exc)}, status=400)
    existing = User.objects.filter(email=invitation.email).exists()
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        current = request.user if request.user.is_authenticated else None
        try:
            user = services.invitation_accept(raw_token=token, current_user=current, **form.cleaned_data)
        except services.InvitationError as exc:
            return render(request, "mediation/invite_accept.html", {"error": str(exc)}, status=400)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            if current is not None and current.pk != user.pk:
                logout(request)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to the case room, {user.name}.")
            return redirect("mediation:room", case_id=invitation.case_id)
    context = {"invitation": invitation, "form": form, "existing": existing,
               "needs_password": not settings.LOCAL_MODE}
    return render(request, "mediation/invite_accept.html", context, status=400 if form.errors else 200)


@require_POST
def item_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case, role = _room(request, case_id, *EDITORS, "client", "mediator")
    form = ItemForm(request.POST, request.FILES, participant=role not in FREELANCER_SIDE)
    if form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            data = upload.read(services.MAX_ITEM_BYTES + 1) if upload else None
            services.room_item_add(actor=request.user, case=case, title=form.cleaned_data["title"],
                                   body=form.cleaned_data["body"], visibility=form.cleaned_data["visibility"],
                                   file_name=upload.name if upload else "",
                                   file_type=upload.content_type if upload else "", file_data=data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Added to the room.")
            return redirect("mediation:room", case_id=case.pk)
    return room(request, case_id, status=400, item_form=form)


def item_detail(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, role = _room(request, case_id, *ROOM)
    item = selectors.room_item(case, request.user, item_id)
    if item.visibility != "private":
        services.item_view_record(case=case, user=request.user, kind="room_item", item_id=item.pk)
    context = {**room_context(request, case, role), "item": item, "visibility_form":
               VisibilityForm(initial={"visibility": item.visibility}),
               "views": selectors.item_views(case).filter(item_kind="room_item", item_id=item.pk)[:50]
               if role in FREELANCER_SIDE else ()}
    return render(request, "mediation/item.html", context)


def evidence_item(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    """A vault item shared into the room, in the room's frame; each opening goes into the view audit."""
    case, role = _room(request, case_id, *ROOM)
    item = selectors.shared_evidence_item(case, request.user, item_id)
    services.item_view_record(case=case, user=request.user, kind="evidence_item", item_id=item.pk)
    context = {**room_context(request, case, role), "item": item,
               "views": selectors.item_views(case).filter(item_kind="evidence_item", item_id=item.pk)
               .select_related("user")[:50] if role in FREELANCER_SIDE else ()}
    return render(request, "mediation/evidence_item.html", context)


def item_file(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *ROOM)
    item = selectors.room_item(case, request.user, item_id)
    data = type(item).objects.filter(pk=item.pk).values_list("file_data", flat=True).first()
    if not data:
        raise Http404("No file")
    if item.visibility != "private":
        services.item_view_record(case=case, user=request.user, kind="room_item_file", item_id=item.pk)
    response = HttpResponse(bytes(data), content_type="application/octet-stream")
    safe = "".join(ch for ch in item.file_name if ch.isalnum() or ch in "._- ") or "file"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


@require_POST
def item_visibility(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *EDITORS)
    item = selectors.room_item(case, request.user, item_id)
    form = VisibilityForm(request.POST)
    if form.is_valid():
        try:
            services.room_item_set_visibility(actor=request.user, item=item, visibility=form.cleaned_data["visibility"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Visibility changed.")
    return redirect("mediation:item", case_id=case.pk, item_id=item.pk)


@require_POST
def note_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, "mediator")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Note saved.")
            return redirect("mediation:room", case_id=case.pk)
    return room(request, case_id, status=400, note_form=form)


@require_POST
def session_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *EDITORS, "mediator")
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_schedule(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Session scheduled. Everyone in the room can add it to their calendar.")
            return redirect("mediation:room", case_id=case.pk)
    return room(request, case_id, status=400, session_form=form)


def session_ics(request: HttpRequest, case_id: int, session_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *ROOM)
    session = selectors.session(case, session_id)
    people = [Attendee(u.email, u.name) for u in selectors.room_members(case) if u.pk != session.created_by_id]
    text = render_invite(SessionInvite(
        uid=f"case-{case.pk}-session-{session.pk}@amicable", starts_at=session.starts_at, ends_at=session.ends_at,
        summary=f"{session.title} ({case.title})", description=session.agenda, location=session.location,
        organizer=Attendee(session.created_by.email, session.created_by.name), attendees=tuple(people),
        sequence=session.sequence, stamp=timezone.now()))
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8; method=REQUEST")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


def audit(request: HttpRequest, case_id: int) -> HttpResponse:
    case, role = _room(request, case_id, *FREELANCER_SIDE)
    items = {("room", i.pk): i for i in case.room_items.defer("file_data")}
    items.update({("evidence", i.pk): i for i in selectors.shared_evidence(case, request.user)})
    views = [(v, items.get(("evidence" if v.item_kind == "evidence_item" else "room", v.item_id)))
             for v in selectors.item_views(case)[:500]]
    return render(request, "mediation/audit.html", {**room_context(request, case, role), "views": views})


@require_POST
def mute(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room(request, case_id, *ROOM)
    muted = services.mute_set(user=request.user, case=case, muted=request.POST.get("muted") == "1")
    messages.success(request, "Notifications for this case are muted." if muted else "Notifications are on again.")
    return _back(request, "mediation:room", case_id=case.pk)


def _back(request: HttpRequest, fallback: str, **kwargs: Any) -> HttpResponse:
    """Redirect to the form's `next` when it is a path on this site, else to `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback, **kwargs)


def notifications(request: HttpRequest) -> HttpResponse:
    items = selectors.notifications_for(request.user)
    return render(request, "mediation/notifications.html", {"notifications": items})


@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id")
    services.notification_read(user=request.user, notification_id=int(raw) if raw and raw.isdigit() else None)
    return _back(request, "mediation:notifications")
