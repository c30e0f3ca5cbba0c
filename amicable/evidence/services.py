"""Writes to the evidence vault. Each runs in one transaction that also appends its log leaves, signs
a checkpoint and writes the case event, so the vault is always consistent and verifiable.

Imports live in ``importing.py`` (``evidence_import``); this module holds the item-level services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amicable.accounts.models import Grant, Membership, User
from amicable.cases.models import Case
from amicable.cases.services import event_add

from .importers.base import ParsedAttachment
from .ingest import Draft, split_duplicates, write_items
from .leaves import REDACTABLE_FIELDS, redaction_leaf, tag_leaf, visibility_leaf
from .log import Pending, checkpoint_sign, log_append
from .models import AddedByRole, EvidenceItem, ItemTag, Kind, LogEntry, Visibility
from .prepare import clean_json, clean_text
from .selectors import KEY_TAGS

_FREE_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_BLANK: dict[str, Any] = {"author": "", "participants": [], "subject": "", "body": "", "thread_key": "", "meta": {}}


def role_of(case: Case, user: User | None) -> str:
    """Return the side ``user`` acts for in ``case``: owner (a member), client or mediator."""
    if user is None:
        return AddedByRole.OWNER
    if Membership.objects.filter(workspace_id=case.workspace_id, user=user).exists():
        return AddedByRole.OWNER
    grant = Grant.objects.filter(case=case, user=user, revoked_at__isnull=True).first()
    if grant is not None and grant.role in (AddedByRole.CLIENT, AddedByRole.MEDIATOR):
        return grant.role
    return AddedByRole.OWNER


def clean_tag(tag: str) -> str:
    """Return the tag normalised (lower case, words joined by _) or raise ValidationError."""
    value = re.sub(r"[\s]+", "_", (tag or "").strip().lower())
    if value in KEY_TAGS or _FREE_TAG.match(value):
        return value
    raise ValidationError({"tag": f"“{tag}” is not a usable tag: use up to 40 letters, digits, _ or -."})


def _check_kind(kind: str) -> None:
    if kind not in Kind.values:
        raise ValidationError({"kind": f"Unknown kind “{kind}”; use one of {', '.join(Kind.values)}."})


def _check_visibility(visibility: str) -> None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": f"Unknown visibility “{visibility}”."})


def _attachments(files: Iterable[tuple[str, bytes | Path, str]]) -> list[ParsedAttachment]:
    out = []
    for name, content, ctype in files:
        if isinstance(content, bytes | bytearray):
            out.append(ParsedAttachment(name, ctype or "", data=bytes(content)))
        else:
            out.append(ParsedAttachment(name, ctype or "", path=Path(content)))
    return out


@transaction.atomic
def evidence_file_item(
    *, actor: User | None, case: Case, kind: str, body: str = "", subject: str = "",
    occurred_at: dt.datetime | None = None, author: str = "", participants: Sequence[str] = (),
    attachments: Iterable[tuple[str, bytes | Path, str]] = (), external_id: str = "",
    source_name: str = "", importer: str = "app", importer_version: str = "1", thread_key: str = "",
    visibility: str = Visibility.PRIVATE, tags: Sequence[str] = (), meta: dict[str, Any] | None = None,
    original_tz: str = "", original_time_text: str = "", locator: str = "",
) -> EvidenceItem:
    """File one record into a case's vault and return its item (see docs/extending.md, "Filing evidence").

    ``external_id`` makes filing idempotent: when the case already has an item with that id, that item
    is returned unchanged. ``attachments`` are (file name, bytes or path, content type).
    """
    _check_kind(kind)
    _check_visibility(visibility)
    if occurred_at is not None and timezone.is_naive(occurred_at):
        raise ValidationError({"occurred_at": "The time must carry a time zone."})
    clean_tags = [clean_tag(t) for t in tags]
    external_id = clean_text(external_id, 500)
    if external_id:
        existing = EvidenceItem.objects.filter(case=case, external_id=external_id).first()
        if existing is not None:
            return existing
    values = {
        "kind": kind, "occurred_at": occurred_at.astimezone(dt.UTC) if occurred_at else None,
        "original_tz": clean_text(original_tz, 64), "original_time_text": clean_text(original_time_text, 200),
        "author": clean_text(author or (actor.name if actor else ""), 500),
        "participants": [clean_text(p, 500) for p in participants], "subject": clean_text(subject),
        "body": clean_text(body), "thread_key": clean_text(thread_key, 300), "external_id": external_id,
        "locator": clean_text(locator, 300), "meta": clean_json(meta or {}),
        "source_name": clean_text(source_name, 500), "importer": clean_text(importer, 50),
        "importer_version": clean_text(importer_version, 20), "batch_id": None,
        "visibility": visibility, "added_by_id": actor.pk if actor else None,
        "added_by_role": role_of(case, actor),
    }
    draft = Draft(values, _attachments(attachments))
    fresh, _ = split_duplicates(case.pk, [draft], set())
    (pk,) = write_items(workspace_id=case.workspace_id, case_id=case.pk, drafts=fresh)
    item = EvidenceItem.objects.get(pk=pk)
    for tag in clean_tags:
        _tag(actor, item, tag, add=True)
    checkpoint_sign(workspace_id=case.workspace_id)
    event_add(case=case, actor=actor, kind="evidence.filed",
              summary=f"{item.get_kind_display()} filed: {item.title}"[:500], item=item.pk)
    return item


def note_add(*, actor: User, case: Case, body: str, kind: str = Kind.NOTE, subject: str = "",
             occurred_at: dt.datetime | None = None, participants: Sequence[str] = (),
             visibility: str = Visibility.PRIVATE, tags: Sequence[str] = ()) -> EvidenceItem:
    """Add a note or a call note typed by the user; return the new item."""
    if kind not in (Kind.NOTE, Kind.CALL_NOTE):
        raise ValidationError({"kind": "A note is either a note or a call note."})
    if not (body or "").strip():
        raise ValidationError({"body": "Write what happened (the note is empty)."})
    if occurred_at is not None and occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"occurred_at": "A note cannot be about a moment in the future."})
    return evidence_file_item(actor=actor, case=case, kind=kind, body=body.strip(), subject=subject.strip(),
                              occurred_at=occurred_at or timezone.now(), participants=participants,
                              visibility=visibility, tags=tags, importer="note", source_name="typed in amicable")


def _tag(actor: User | None, item: EvidenceItem, tag: str, *, add: bool) -> bool:
    exists = ItemTag.objects.filter(item=item, tag=tag).exists()
    if add == exists:
        return False
    now = timezone.now()
    if add:
        ItemTag.objects.create(item=item, case_id=item.case_id, tag=tag, added_by=actor, added_at=now)
    else:
        ItemTag.objects.filter(item=item, tag=tag).delete()
    leaf = tag_leaf(case=item.case_id, item=item.pk, tag=tag, op="add" if add else "remove",
                    by=actor.pk if actor else None, at=now)
    log_append(workspace_id=item.case.workspace_id,
               entries=[Pending(LogEntry.Type.TAG, leaf, case_id=item.case_id, item_id=item.pk)])
    return True


@transaction.atomic
def item_tag(*, actor: User, item: EvidenceItem, tag: str, remove: bool = False) -> bool:
    """Add (or remove) a tag on an item; return False when nothing changed."""
    value = clean_tag(tag)
    changed = _tag(actor, item, value, add=not remove)
    if changed:
        checkpoint_sign(workspace_id=item.case.workspace_id)
        label = KEY_TAGS.get(value, value)
        verb = "removed from" if remove else "added to"
        event_add(case=item.case, actor=actor, kind="evidence.tagged",
                  summary=f"Tag “{label}” {verb} {item.title}"[:500], item=item.pk, tag=value, removed=remove)
    return changed


@transaction.atomic
def item_set_visibility(*, actor: User, item: EvidenceItem, visibility: str) -> EvidenceItem:
    """Share an item with the case room, keep it private, or show it to the mediator only."""
    _check_visibility(visibility)
    if item.visibility == visibility:
        return item
    now = timezone.now()
    EvidenceItem.objects.filter(pk=item.pk).update(visibility=visibility)
    item.visibility = visibility
    leaf = visibility_leaf(case=item.case_id, item=item.pk, visibility=visibility, by=actor.pk, at=now)
    log_append(workspace_id=item.case.workspace_id,
               entries=[Pending(LogEntry.Type.VISIBILITY, leaf, case_id=item.case_id, item_id=item.pk)])
    checkpoint_sign(workspace_id=item.case.workspace_id)
    event_add(case=item.case, actor=actor, kind="evidence.visibility",
              summary=f"{item.title[:200]}: now {Visibility(visibility).label.lower()}", item=item.pk,
              visibility=visibility)
    return item


CORRECTABLE = ("kind", "occurred_at", "author", "participants", "subject", "body", "original_tz",
               "original_time_text")


@transaction.atomic
def item_correct(*, actor: User, item: EvidenceItem, reason: str, **changes: Any) -> EvidenceItem:
    """Record a corrected version of an item as a new item that points at it; return the new item.

    The original stays as it was (and in the log); the timeline shows the latest version.
    """
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the item is corrected."})
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ValidationError({unknown[0]: f"“{unknown[0]}” cannot be corrected."})
    if EvidenceItem.objects.filter(corrects=item).exists():
        raise ValidationError({"item": "This item was already corrected: correct the latest version."})
    if "kind" in changes:
        _check_kind(changes["kind"])
    when = changes.get("occurred_at", item.occurred_at)
    if when is not None and timezone.is_naive(when):
        raise ValidationError({"occurred_at": "The time must carry a time zone."})
    entry = LogEntry.objects.get(item=item, entry_type=LogEntry.Type.ITEM)
    values = {name: getattr(item, name) for name in (
        "kind", "occurred_at", "original_tz", "original_time_text", "author", "participants", "subject", "body",
        "thread_key", "locator", "meta", "source_name", "importer", "importer_version", "visibility")}
    values.update(changes)
    values.update({"external_id": "", "batch_id": item.batch_id, "added_by_id": actor.pk,
                   "added_by_role": role_of(item.case, actor), "corrects_id": item.pk,
                   "correction_reason": clean_text(reason.strip()),
                   "subject": clean_text(values["subject"]), "body": clean_text(values["body"]),
                   "author": clean_text(values["author"], 500)})
    kept = [(a.blob, a.filename, a.content_type) for a in item.item_attachments.select_related("blob")]
    (pk,) = write_items(workspace_id=item.case.workspace_id, case_id=item.case_id,
                        drafts=[Draft(values, stored=kept)], corrects_entries={item.pk: entry})
    new = EvidenceItem.objects.get(pk=pk)
    for tag in item.tags.values_list("tag", flat=True):
        _tag(actor, new, tag, add=True)
    checkpoint_sign(workspace_id=item.case.workspace_id)
    event_add(case=item.case, actor=actor, kind="evidence.corrected", summary=f"Corrected: {new.title}"[:500],
              item=new.pk, corrects=item.pk, reason=reason.strip()[:300])
    return new


@transaction.atomic
def item_redact(*, actor: User, item: EvidenceItem, fields: Sequence[str], reason: str) -> EvidenceItem:
    """Blank ``fields`` of an item (personal data, privileged text); the log keeps only their hashes.

    A new log entry records what was redacted, by whom and why; the item's own leaf still verifies.
    """
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why these fields are redacted."})
    chosen = sorted(set(fields))
    if not chosen:
        raise ValidationError({"fields": "Choose what to redact."})
    bad = [f for f in chosen if f not in REDACTABLE_FIELDS]
    if bad:
        raise ValidationError({"fields": f"“{bad[0]}” cannot be redacted (only {', '.join(REDACTABLE_FIELDS)})."})
    entry = LogEntry.objects.get(item=item, entry_type=LogEntry.Type.ITEM)
    merged = sorted(set(item.redacted_fields) | set(chosen))
    update = {name: _BLANK[name] for name in chosen}
    EvidenceItem.objects.filter(pk=item.pk).update(redacted_fields=merged, **update)
    for name, value in update.items():
        setattr(item, name, value)
    item.redacted_fields = merged
    now = timezone.now()
    leaf = redaction_leaf(case=item.case_id, item=item.pk, entry=entry.index, fields=chosen,
                          reason=clean_text(reason.strip()), by=actor.pk, at=now)
    log_append(workspace_id=item.case.workspace_id, entries=[
        Pending(LogEntry.Type.REDACTION, leaf, case_id=item.case_id, item_id=item.pk, refers_to_id=entry.pk)])
    checkpoint_sign(workspace_id=item.case.workspace_id)
    event_add(case=item.case, actor=actor, kind="evidence.redacted",
              summary=f"Redacted {', '.join(chosen)} of item {item.pk}", item=item.pk, fields=chosen)
    return item
