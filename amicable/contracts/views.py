"""Contract pages: upload and versions, the clause outline with its health check, the deal as agreed,
and the case's "what your contract says" page (step 7). Each view: gate, validate, one service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from amicable.cases.models import Engagement
from amicable.cases.selectors import case_for_user, engagement_for_user, may_edit

from . import services
from .classify import TYPE_LABELS
from .forms import ContractUploadForm, DealForm
from .selectors import (
    agreement_sources,
    analysed_clauses,
    case_contract_view,
    contract_for_user,
    key_terms,
    vault_items,
)
from .summary import contract_summary, quote_text


def _list_page(request: HttpRequest, engagement: Engagement, form: ContractUploadForm | None = None,
               status: int = 200) -> HttpResponse:
    return render(request, "contracts/contract_list.html", {
        "engagement": engagement, "contracts": engagement.contracts.all(), "form": form or ContractUploadForm(),
        "can_edit": may_edit(request.user, engagement),
    }, status=status)


def contract_list(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """The engagement's contract versions, and (POST) the upload of a new version."""
    if request.method != "POST":
        return _list_page(request, engagement_for_user(request.user, engagement_id))
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    form = ContractUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, engagement, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        contract = services.contract_upload(actor=request.user, engagement=engagement, upload=upload,
                                            filename=upload.name, title=form.cleaned_data["title"])
    except ValidationError as exc:
        form.apply_service_error(exc)
        return _list_page(request, engagement, form, status=400)
    if contract.readable:
        messages.success(request, f"Version {contract.version} analysed: {contract.clauses.count()} clauses.")
    else:
        messages.warning(request, f"Version {contract.version} is kept, but it could not be read: "
                                  f"{contract.error_message}")
    return redirect("contracts:contract_detail", engagement_id=engagement.pk, contract_id=contract.pk)


def contract_detail(request: HttpRequest, engagement_id: int, contract_id: int) -> HttpResponse:
    """The clause outline (collapsible, searchable, colour-coded types with triggers) and the health check."""
    engagement = engagement_for_user(request.user, engagement_id)
    contract = contract_for_user(request.user, engagement, contract_id)
    query = request.GET.get("q", "").strip()
    clauses = analysed_clauses(contract)
    shown = [c for c in clauses if not query or query.lower() in c.text.lower() or query.lower() in
             c.heading.lower() or any(query.lower() in TYPE_LABELS[h.type].lower() for h in c.types)]
    rows = [{"c": c, "types": [{"type": h.type, "label": TYPE_LABELS[h.type], "confidence": h.confidence,
                                "triggers": "; ".join(h.triggers), "inherited": h.inherited} for h in c.types]}
            for c in shown]
    return render(request, "contracts/contract_detail.html", {
        "engagement": engagement, "contract": contract, "rows": rows, "total": len(clauses), "query": query,
        "summary": contract_summary(key_terms(contract)), "type_labels": TYPE_LABELS,
        "missing": [h for h in contract.health if not h["present"]],
        "present": [h for h in contract.health if h["present"]],
        "versions": engagement.contracts.all(), "can_edit": may_edit(request.user, engagement),
        "vault_items": vault_items(contract),
        "agreement_sources": agreement_sources(engagement) if contract.kind == "deal" else [],
    })


def contract_file(request: HttpRequest, engagement_id: int, contract_id: int) -> FileResponse:
    """The original file, exactly as uploaded."""
    engagement = engagement_for_user(request.user, engagement_id)
    contract = contract_for_user(request.user, engagement, contract_id)
    if not contract.blob_path or not default_storage.exists(contract.blob_path):
        raise Http404("This version has no file")
    return FileResponse(default_storage.open(contract.blob_path, "rb"), as_attachment=True,
                        filename=contract.filename or f"contract-v{contract.version}")


def deal_edit(request: HttpRequest, engagement_id: int) -> HttpResponse:
    """No written contract: type the terms that were agreed (saved as a new version of kind "deal")."""
    need = "edit" if request.method == "POST" else "view"
    engagement = engagement_for_user(request.user, engagement_id, need=need)
    latest_deal = engagement.contracts.filter(kind="deal").order_by("-version").first()
    if request.method == "POST":
        form = DealForm(request.POST)
        if form.is_valid():
            try:
                contract = services.deal_save(actor=request.user, engagement=engagement, terms=form.terms())
            except ValidationError as exc:
                form.apply_service_error(exc)
            else:
                messages.success(request, "The deal as agreed is recorded.")
                return redirect("contracts:contract_detail", engagement_id=engagement.pk, contract_id=contract.pk)
        status = 400
    else:
        initial = dict(latest_deal.deal_terms) if latest_deal else {}
        if "ip_on_full_payment" in initial:
            initial["ip_on_full_payment"] = {True: "yes", False: "no"}.get(initial["ip_on_full_payment"], "")
        form, status = DealForm(initial=initial), 200
    return render(request, "contracts/deal_form.html", {
        "engagement": engagement, "form": form, "can_edit": may_edit(request.user, engagement),
        "agreement_sources": agreement_sources(engagement)}, status=status)


def composer_url(case_id: int) -> str:
    """The message composer's URL for this case, if the messaging app provides one (it takes ?quote=)."""
    for name in ("messaging:compose", "messaging:draft_new", "messaging:composer"):
        try:
            return reverse(name, args=[case_id])
        except NoReverseMatch:
            continue
    return ""


def case_contract(request: HttpRequest, case_id: int) -> HttpResponse:
    """Step 7: the clauses that bear on this case's dispute, ranked, in plain words, ready to quote."""
    case = case_for_user(request.user, case_id)
    view = case_contract_view(case)
    items = [{"r": r, "quote": quote_text(r.clause), "labels": [TYPE_LABELS[t] for t in r.types]}
             for r in view.relevant]
    return render(request, "contracts/case_contract.html", {
        "case": case, "view": view, "items": items, "composer": composer_url(case.pk),
        "can_edit": may_edit(request.user, case.engagement),
    })
