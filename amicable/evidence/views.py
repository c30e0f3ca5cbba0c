"""Evidence pages: timeline, upload and import progress, item view, files, search, notes, tags, the
scope-change log, the agreements register and the log's checkpoints. Each view loads the case through
the gate ("room": members and invited participants), the item from that case, and writes through a
service."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable
from functools import wraps
from itertools import groupby
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from amicable.cases.models import Case
from amicable.cases.selectors import case_for_user
from amicable.lib.signing import verifier_key
from amicable.lib.sniff import is_inline_safe
from amicable.messaging.models import Concern

from . import services
from .forms import (
    CorrectForm,
    NoteForm,
    RedactForm,
    SearchForm,
    TagForm,
    TimelineFilterForm,
    UploadForm,
    VisibilityForm,
)
from .importing import evidence_import, import_batch_create
from .log import active_key, inclusion_proof_for, origin_for
from .models import Checkpoint, EvidenceItem, ImportBatch, Visibility
from .search import search_items
from .selectors import (
    KEY_TAGS,
    Viewer,
    batch_for_user,
    item_for_user,
    item_history,
    log_entry_for,
    tag_counts,
    tagged,
    timeline,
    viewer_for,
)
from .tasks import import_staged

INLINE_IMPORT_BYTES = 5 * 1024 * 1024  # smaller uploads are imported during the request


def _room(request: HttpRequest, case_id: int) -> tuple[Case, Viewer]:
    case = case_for_user(request.user, case_id, need="room")
    return case, viewer_for(case, request.user)  # type: ignore[arg-type]


def read_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A GET-only page: the gate runs first, so a stranger gets 404 whatever the method; others get 405."""

    @wraps(view)
    def wrapper(request: HttpRequest, case_id: int, **kwargs: Any) -> HttpResponse:
        case_for_user(request.user, case_id, need="room")
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request, case_id, **kwargs)

    return wrapper


def _editor(request: HttpRequest, case_id: int) -> tuple[Case, Viewer]:
    case, viewer = _room(request, case_id)
    if not viewer.can_edit:
        raise PermissionDenied("Read-only access: you can look, not change.")
    return case, viewer


def _members_only(viewer: Viewer) -> None:
    if viewer.role != "owner" or not viewer.can_edit:
        raise PermissionDenied("Only members of the workspace can do this.")


def _audit_shared_view(case: Case, user: object, item: EvidenceItem) -> None:
    """Shared items are in the case room: who opened one, and when, goes into the room's audit trail."""
    if item.visibility != "private":
        from amicable.mediation.services import item_view_record

        item_view_record(case=case, user=user, kind="evidence_item", item_id=item.pk)  # type: ignore[arg-type]


def _threads(items: list[EvidenceItem]) -> list[tuple[str, list[EvidenceItem]]]:
    """Group consecutive items of the same conversation (thread key) together."""
    return [(key, list(group)) for key, group in groupby(items, key=lambda i: i.thread_key or f"#{i.pk}")]


def _key(item: EvidenceItem) -> bool:
    return any(t.tag in KEY_TAGS for t in item.tags.all())


@read_view
def timeline_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    form = TimelineFilterForm(request.GET or None)
    filters = form.filters()
    page = timeline(case, viewer, filters, cursor=request.GET.get("after", ""))
    query = request.GET.copy()
    query.pop("after", None)
    context = {"case": case, "viewer": viewer, "page": page, "groups": _threads(page.items),
               "key_ids": {i.pk for i in page.items if _key(i)}, "query": query.urlencode(), "filter_form": form}
    if request.headers.get("HX-Request") and "after" in request.GET:
        return render(request, "evidence/_timeline_items.html", context)
    context.update({"upload_form": UploadForm(), "tags": tag_counts(case, viewer), "key_tags": KEY_TAGS,
                    "batches": _recent_batches(case, viewer), "max_upload_mb": settings.AMICABLE_MAX_UPLOAD_MB,
                    "search_form": SearchForm()})
    return render(request, "evidence/timeline.html", context)


def _recent_batches(case: Case, viewer: Viewer) -> list[ImportBatch]:
    qs = case.import_batches.all() if viewer.role == "owner" else case.import_batches.filter(started_by=viewer.user)
    return list(qs.order_by("-created_at", "-pk")[:8])


def safe_name(raw: str | None) -> str:
    """Return an upload's file name without any directory part or control character (spaces are kept:
    importers read meaning from names such as "WhatsApp Chat with Carol.txt")."""
    name = Path((raw or "").replace("\\", "/")).name
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".")
    return name[:200] or "upload"


def _too_big(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.AMICABLE_MAX_UPLOAD_MB * 1024 * 1024 + 64 * 1024  # the form fields' overhead


def _import_upload(request: HttpRequest, case: Case, upload: UploadedFile, tz: str, visibility: str) -> None:
    name = safe_name(upload.name)
    if upload.size is not None and upload.size <= INLINE_IMPORT_BYTES:
        with tempfile.TemporaryDirectory(prefix="amicable-upload-") as folder:
            path = Path(folder) / name
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            evidence_import(actor=request.user, case=case, path=path, tz=tz or None, visibility=visibility,  # type: ignore[arg-type]
                            source_name=name)
        return
    staged = default_storage.save(f"staging/{uuid.uuid4().hex}/{name}", upload)
    batch = import_batch_create(actor=request.user, case=case, source_name=name, size=upload.size or 0,  # type: ignore[arg-type]
                                tz=tz, visibility=visibility, staged_name=staged)
    import_staged.enqueue(batch.pk)


@require_POST
def upload(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    is_xhr = request.headers.get("X-Requested-With") == "XMLHttpRequest" or request.headers.get("HX-Request")
    error = ""
    if _too_big(request):
        error = (f"That upload is larger than the limit of {settings.AMICABLE_MAX_UPLOAD_MB} MB. Split it, or "
                 "import it from the command line: amicable evidence import.")
    else:
        form = UploadForm(request.POST)
        files = request.FILES.getlist("files")
        if not files:
            error = "Choose at least one file to import."
        elif not form.is_valid():
            error = " ".join(str(m) for errs in form.errors.values() for m in errs)
        else:
            visibility = form.cleaned_data["visibility"] if viewer.role == "owner" else Visibility.SHARED
            try:
                for upload_file in files:
                    _import_upload(request, case, upload_file, form.cleaned_data["tz"], visibility)
            except ValidationError as exc:
                error = " ".join(exc.messages)
    status = 413 if error.startswith("That upload is larger") else (400 if error else 200)
    if is_xhr:
        return render(request, "evidence/_imports.html",
                      {"case": case, "batches": _recent_batches(case, viewer), "error": error}, status=status)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Import started: the timeline fills in as it goes.")
    return redirect("evidence:timeline", case_id=case.pk)


@read_view
def batch_view(request: HttpRequest, case_id: int, batch_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    batch = batch_for_user(case, request.user, batch_id)  # type: ignore[arg-type]
    template = "evidence/_batch.html" if request.headers.get("HX-Request") else "evidence/batch.html"
    return render(request, template, {"case": case, "batch": batch})


@read_view
def item_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    _audit_shared_view(case, request.user, item)
    entry = log_entry_for(item)
    proof = inclusion_proof_for(entry) if entry else None
    return render(request, "evidence/item.html", {
        "case": case, "viewer": viewer, "item": item, "entry": entry, "proof": proof,
        "history": item_history(item), "attachments": item.item_attachments.select_related("blob"),
        "tags": item.tags.all(), "key_tags": KEY_TAGS, "corrections": item.corrections.all(),
        "visibility_form": VisibilityForm(initial={"visibility": item.visibility}), "tag_form": TagForm(),
        "concern_types": Concern.Type.choices,
    })


@read_view
def attachment_view(request: HttpRequest, case_id: int, item_id: int, position: int) -> HttpResponse:
    case, _viewer = _room(request, case_id)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    link = item.item_attachments.select_related("blob").filter(position=position).first()
    if link is None:
        raise Http404("No such file")
    _audit_shared_view(case, request.user, item)
    try:
        handle = default_storage.open(link.blob.storage_name, "rb")
    except OSError:
        raise Http404("The file is missing from storage (run amicable verify)") from None
    inline = is_inline_safe(link.blob.content_type)
    response = FileResponse(handle, as_attachment=not inline, filename=link.filename,
                            content_type=link.blob.content_type if inline else "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


@require_POST
def tag_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    _members_only(viewer)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    form = TagForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.item_tag(actor=request.user, item=item, tag=form.cleaned_data["tag"],  # type: ignore[arg-type]
                              remove=form.cleaned_data["action"] == "remove")
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Give a tag."
    if request.headers.get("HX-Request"):
        return render(request, "evidence/_tags.html", {"case": case, "item": item, "tags": item.tags.all(),
                                                      "key_tags": KEY_TAGS, "error": error, "viewer": viewer},
                      status=400 if error else 200)
    if error:
        messages.error(request, error)
    return redirect("evidence:item", case_id=case.pk, item_id=item.pk)


@require_POST
def visibility_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    _members_only(viewer)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    form = VisibilityForm(request.POST)
    if form.is_valid():
        services.item_set_visibility(actor=request.user, item=item, visibility=form.cleaned_data["visibility"])  # type: ignore[arg-type]
        messages.success(request, f"Now {item.get_visibility_display().lower()}.")
    else:
        messages.error(request, "Choose who may see it.")
    return redirect("evidence:item", case_id=case.pk, item_id=item.pk)


def correct_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    _members_only(viewer)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    initial = {"occurred_at": item.occurred_at, "author": item.author, "subject": item.subject, "body": item.body}
    form = CorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("occurred_at", "author", "subject", "body")
                   if form.cleaned_data[k] != initial[k] and not (k == "occurred_at" and not form.cleaned_data[k])}
        try:
            new = services.item_correct(actor=request.user, item=item, reason=form.cleaned_data["reason"], **changes)  # type: ignore[arg-type]
            messages.success(request, "Correction recorded. The original stays in the vault.")
            return redirect("evidence:item", case_id=case.pk, item_id=new.pk)
        except ValidationError as exc:
            form.apply_service_error(exc)
    return render(request, "evidence/correct.html", {"case": case, "item": item, "form": form})


def redact_view(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    _members_only(viewer)
    item = item_for_user(case, request.user, item_id)  # type: ignore[arg-type]
    form = RedactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_redact(actor=request.user, item=item, fields=form.cleaned_data["fields_to_redact"],  # type: ignore[arg-type]
                                 reason=form.cleaned_data["reason"])
            messages.success(request, "Redacted. The log keeps only the hashes of what was removed.")
            return redirect("evidence:item", case_id=case.pk, item_id=item.pk)
        except ValidationError as exc:
            form.apply_service_error(exc)
    return render(request, "evidence/redact.html", {"case": case, "item": item, "form": form})


def note_new(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _editor(request, case_id)
    form = NoteForm(request.POST or None)
    if viewer.role != "owner":
        form.fields["visibility"].choices = [(Visibility.SHARED, Visibility.SHARED.label)]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            item = services.note_add(actor=request.user, case=case, kind=d["kind"], body=d["body"],  # type: ignore[arg-type]
                                     subject=d["subject"], occurred_at=d["occurred_at"],
                                     participants=form.participant_list(), visibility=d["visibility"],
                                     tags=d["tags"])
            messages.success(request, "Note added to the vault.")
            return redirect("evidence:item", case_id=case.pk, item_id=item.pk)
        except ValidationError as exc:
            form.apply_service_error(exc)
    return render(request, "evidence/note_form.html", {"case": case, "form": form})


@read_view
def search_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    form = SearchForm(request.GET or None)
    query = form.data.get("q", "") if form.is_bound and form.is_valid() else ""
    hits = search_items(case_id=case.pk, query=query, visibility=viewer.visibilities, limit=50) if query else []
    template = "evidence/_search_results.html" if request.headers.get("HX-Request") else "evidence/search.html"
    return render(request, template, {"case": case, "form": form, "query": query, "hits": hits})


@read_view
def scope_changes_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    return render(request, "evidence/register.html", {
        "case": case, "items": tagged(case, viewer, "scope_change"), "title": "Scope-change log",
        "intro": "Every item tagged “scope change”, in time order: what was asked beyond the agreed scope, "
                 "when, and by whom.", "tag": "scope_change"})


@read_view
def agreements_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    return render(request, "evidence/register.html", {
        "case": case, "items": tagged(case, viewer, "agreement"), "title": "Agreements register",
        "intro": "Every item tagged “agreement”, in time order: what both sides agreed, with the source.",
        "tag": "agreement"})


@read_view
def log_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, viewer = _room(request, case_id)
    _members_only(viewer)
    checkpoints = Checkpoint.objects.filter(workspace_id=case.workspace_id).order_by("-tree_size", "-pk")[:20]
    key = active_key(case.workspace_id)
    return render(request, "evidence/log.html", {
        "case": case, "checkpoints": checkpoints, "key": key, "origin": origin_for(case.workspace_id),
        "verifier_key": _verifier(key) if key else ""})


def _verifier(key: Any) -> str:
    return verifier_key(key.name, bytes(key.public_key))


@read_view
def key_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _viewer = _room(request, case_id)
    key = active_key(case.workspace_id)
    if key is None:
        raise Http404("This workspace has not signed anything yet.")
    response = HttpResponse(_verifier(key) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key.name}.pub"'
    return response


@require_POST
def verify_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="own")
    from .verify import verify_all

    report = verify_all(workspace_ids=[case.workspace_id], blobs=True)
    return render(request, "evidence/_verify.html", {"case": case, "report": report})
