"""JSON API for the case room: what the caller may see in a room, invitations, items, notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from amicable.cases.schemas import ERRORS, In
from amicable.cases.selectors import case_for_user

from . import selectors, services

router = Router(tags=["case room"])
EDITORS = ("owner", "member")
FREELANCER_SIDE = ("owner", "member", "readonly")
ROOM = (*FREELANCER_SIDE, "client", "mediator", "counsel")


def _case(request: HttpRequest, case_id: int, *roles: str) -> tuple[Any, str]:
    case = case_for_user(request.auth, case_id, need="room")
    return case, selectors.require_role(request.auth, case, *roles)


class ItemOut(Schema):
    id: int
    title: str
    body: str
    visibility: str
    added_by: str
    added_by_role: str
    added_at: datetime
    file_name: str
    sha256: str


class NoteOut(Schema):
    id: int
    body: str
    visibility: str
    author: str
    created_at: datetime


class RoomOut(Schema):
    case_id: int
    title: str
    role: str
    items: list[ItemOut]
    notes: list[NoteOut]


class InvitationIn(In):
    email: str
    role: str
    name: str = ""
    message: str = ""
    days: int = services.INVITATION_DAYS


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    state: str
    expires_at: datetime
    link: str | None = None  # only in the answer that created it


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    case_id: int | None
    created_at: datetime
    read_at: datetime | None


class ReadIn(In):
    id: int | None = None


def _item_out(item: Any) -> dict[str, Any]:
    return {"id": item.pk, "title": item.title, "body": item.body, "visibility": item.visibility,
            "added_by": item.added_by.name, "added_by_role": item.added_by_role, "added_at": item.added_at,
            "file_name": item.file_name, "sha256": item.sha256}


@router.get("/cases/{case_id}/room", response={200: RoomOut, **ERRORS}, summary="The room as you see it")
def room(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case, role = _case(request, case_id, *ROOM)
    notes = selectors.room_notes(case, request.auth)
    return {"case_id": case.pk, "title": case.title, "role": role,
            "items": [_item_out(i) for i in selectors.room_items(case, request.auth, role)],
            "notes": [{"id": n.pk, "body": n.body, "visibility": n.visibility, "author": n.author.name,
                       "created_at": n.created_at} for n in notes]}


@router.get("/cases/{case_id}/room/items/{item_id}", response={200: ItemOut, **ERRORS},
            summary="One item (the view is audited)")
def room_item(request: HttpRequest, case_id: int, item_id: int) -> dict[str, Any]:
    case, _ = _case(request, case_id, *ROOM)
    item = selectors.room_item(case, request.auth, item_id)
    if item.visibility != "private":
        services.item_view_record(case=case, user=request.auth, kind="room_item", item_id=item.pk)
    return _item_out(item)


@router.post("/cases/{case_id}/room/invitations", response={201: InvitationOut, **ERRORS},
             summary="Invite someone by email (the link is in this answer only)")
def invitation_create(request: HttpRequest, case_id: int, payload: InvitationIn) -> tuple[int, dict[str, Any]]:
    case, _ = _case(request, case_id, *EDITORS)
    issued = services.invitation_create(actor=request.auth, case=case, **payload.dict())
    inv = issued.invitation
    return 201, {"id": inv.pk, "email": inv.email, "role": inv.role, "state": inv.state,
                 "expires_at": inv.expires_at, "link": request.build_absolute_uri(issued.path)}


@router.get("/cases/{case_id}/room/invitations", response={200: list[InvitationOut], **ERRORS},
            summary="Invitations of a room")
def invitation_list(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case, _ = _case(request, case_id, *FREELANCER_SIDE)
    return [{"id": i.pk, "email": i.email, "role": i.role, "state": i.state, "expires_at": i.expires_at}
            for i in selectors.invitations(case)]


@router.post("/cases/{case_id}/room/invitations/{invitation_id}/revoke", response={200: InvitationOut, **ERRORS},
             summary="Withdraw a pending invitation")
def invitation_revoke(request: HttpRequest, case_id: int, invitation_id: int) -> dict[str, Any]:
    case, _ = _case(request, case_id, *EDITORS)
    inv = services.invitation_revoke(actor=request.auth, invitation=selectors.invitation(case, invitation_id))
    return {"id": inv.pk, "email": inv.email, "role": inv.role, "state": inv.state, "expires_at": inv.expires_at}


@router.get("/notifications", response={200: list[NotificationOut], **ERRORS},
            summary="Your notifications, newest first")
def notification_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"id": n.pk, "kind": n.kind, "title": n.title, "url": n.url, "case_id": n.case_id,
             "created_at": n.created_at, "read_at": n.read_at}
            for n in selectors.notifications_for(request.auth)]


@router.post("/notifications/read", response={200: dict[str, int], **ERRORS},
             summary="Mark one (id) or all of your notifications read")
def notification_read(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": services.notification_read(user=request.auth, notification_id=payload.id)}
