"""Reads for the evidence vault. Cases come from the gate; items are fetched from the gated case and
filtered by what the viewer's role may see (members see everything; room participants see what is
shared with them, and what they added themselves)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime

from amicable.accounts.models import Grant, Membership, User
from amicable.cases.models import Case

from .models import EvidenceItem, ImportBatch, ItemAttachment, ItemTag, LogEntry, Visibility

# Tags with a meaning of their own; any other lower-case word is a free tag.
KEY_TAGS = {
    "scope_change": "Scope change",
    "agreement": "Agreement",
    "complaint": "Complaint",
    "promise_to_pay": "Promise to pay",
    "deadline": "Deadline",
    "delivery": "Delivery",
}


@dataclass(frozen=True)
class Viewer:
    """Who is looking at a case's evidence, and what they may see."""

    user: User
    role: str  # "owner" (a workspace member), "client", "mediator", "counsel"
    can_edit: bool

    @property
    def visibilities(self) -> list[str] | None:
        """The visibility values this viewer sees (None: all)."""
        if self.role == "owner":
            return None
        if self.role == "mediator":
            return [Visibility.SHARED, Visibility.MEDIATOR_ONLY]
        return [Visibility.SHARED]


def viewer_for(case: Case, user: User) -> Viewer:
    """Return the viewer for a case already loaded through the gate."""
    membership = Membership.objects.filter(workspace_id=case.workspace_id, user=user).first()
    if membership is not None:
        return Viewer(user, "owner", membership.role != Membership.Role.READONLY)
    grant = Grant.objects.filter(case=case, user=user, revoked_at__isnull=True).first()
    if grant is None:
        raise Http404("No such case")
    return Viewer(user, grant.role, True)


def items_for(case: Case, viewer: Viewer, *, include_corrected: bool = False) -> QuerySet[EvidenceItem]:
    """Return the case's items this viewer may see (by default only the latest version of each)."""
    qs = EvidenceItem.objects.filter(case=case)
    if viewer.visibilities is not None:
        qs = qs.filter(Q(visibility__in=viewer.visibilities) | Q(added_by=viewer.user))
    if not include_corrected:
        qs = qs.filter(~Exists(EvidenceItem.objects.filter(corrects=OuterRef("pk"))))
    return qs


def item_for_user(case: Case, user: User, item_id: int | str) -> EvidenceItem:
    """Return one item of a gated case that ``user`` may see; Http404 otherwise."""
    viewer = viewer_for(case, user)
    try:
        return items_for(case, viewer, include_corrected=True).get(pk=int(item_id))
    except (EvidenceItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item") from None


def batch_for_user(case: Case, user: User, batch_id: int | str) -> ImportBatch:
    """Return an import batch of a gated case started by the user or visible to a member."""
    viewer = viewer_for(case, user)
    qs = case.import_batches.all() if viewer.role == "owner" else case.import_batches.filter(started_by=user)
    try:
        return qs.get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import") from None


@dataclass
class TimelineFilters:
    kinds: list[str] = field(default_factory=list)
    person: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    tag: str = ""
    thread: str = ""


@dataclass
class TimelinePage:
    items: list[EvidenceItem]
    next_cursor: str  # "" when this is the last page


def encode_cursor(item: EvidenceItem) -> str:
    """Return an opaque, URL-safe position after ``item`` (its UTC time and id)."""
    return f"{item.sort_at.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%S.%fZ')}~{item.pk}"


def decode_cursor(cursor: str) -> tuple[dt.datetime, int] | None:
    """Return (sort_at, id) from a cursor, or None when it is malformed."""
    at_text, sep, id_text = (cursor or "").partition("~")
    at = parse_datetime(at_text) if sep else None
    if at is None or not id_text.isdigit():
        return None
    return at, int(id_text)


def _filtered(qs: QuerySet[EvidenceItem], f: TimelineFilters) -> QuerySet[EvidenceItem]:
    if f.kinds:
        qs = qs.filter(kind__in=f.kinds)
    if f.person:
        qs = qs.filter(Q(author__icontains=f.person) | Q(participants__icontains=f.person))
    if f.since:
        qs = qs.filter(sort_at__gte=f.since)
    if f.until:
        qs = qs.filter(sort_at__lt=f.until)
    if f.tag:
        qs = qs.filter(Exists(ItemTag.objects.filter(item=OuterRef("pk"), tag=f.tag)))
    if f.thread:
        qs = qs.filter(thread_key=f.thread)
    return qs


def timeline(case: Case, viewer: Viewer, filters: TimelineFilters | None = None, *, cursor: str = "",
             limit: int = 50) -> TimelinePage:
    """Return one page of the case's timeline in time order, after ``cursor`` (keyset pagination)."""
    qs = _filtered(items_for(case, viewer), filters or TimelineFilters())
    position = decode_cursor(cursor)
    if position is not None:
        at, pk = position
        # Written as a range (sort_at >= at) so the (case, sort_at, id) index seeks to the cursor.
        qs = qs.filter(sort_at__gte=at).exclude(sort_at=at, pk__lte=pk)
    page = list(
        qs.order_by("sort_at", "pk")
        .prefetch_related(Prefetch("tags", queryset=ItemTag.objects.order_by("tag")),
                          Prefetch("item_attachments", queryset=ItemAttachment.objects.order_by("position")))
        [: limit + 1]
    )
    more = len(page) > limit
    page = page[:limit]
    return TimelinePage(page, encode_cursor(page[-1]) if more and page else "")


def tagged(case: Case, viewer: Viewer, tag: str) -> list[EvidenceItem]:
    """Return the visible items carrying ``tag``, in time order (scope-change log, agreements register)."""
    qs = items_for(case, viewer).filter(Exists(ItemTag.objects.filter(item=OuterRef("pk"), tag=tag)))
    return list(qs.order_by("sort_at", "pk").prefetch_related("tags", "item_attachments"))


def tag_counts(case: Case, viewer: Viewer) -> dict[str, int]:
    """Return how many visible items carry each tag."""
    ids = items_for(case, viewer).values("pk")
    counts: dict[str, int] = {}
    for tag in ItemTag.objects.filter(case=case, item__in=ids).values_list("tag", flat=True):
        counts[tag] = counts.get(tag, 0) + 1
    return dict(sorted(counts.items()))


def case_summary(case: Case) -> dict[str, int]:
    """Return counts for the case's evidence panel: items, per kind, and tagged key moments."""
    rows = EvidenceItem.objects.filter(case=case).values("kind").annotate(n=Count("pk")).order_by("kind")
    per_kind = {row["kind"]: row["n"] for row in rows}
    key = ItemTag.objects.filter(case=case, tag__in=list(KEY_TAGS)).count()
    return {"items": sum(per_kind.values()), "key_moments": key, **per_kind}


def log_entry_for(item: EvidenceItem) -> LogEntry | None:
    """Return the log entry that added ``item``."""
    return LogEntry.objects.filter(item=item, entry_type=LogEntry.Type.ITEM).first()


def item_history(item: EvidenceItem) -> list[LogEntry]:
    """Return every log entry about ``item`` (added, tags, visibility, redactions), in log order."""
    return list(LogEntry.objects.filter(item=item).order_by("index"))
