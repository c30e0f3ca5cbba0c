"""Writes for contracts: upload a version, record a deal as agreed. Each writes a case event."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max

from amicable.accounts.models import User
from amicable.cases.models import Engagement, Stage
from amicable.cases.services import event_add

from .analyze import Analysis, AnalyzedClause, analyze_document
from .deal import deal_analysis
from .extract import DEFAULT_MAX_BYTES, ExtractionError
from .models import Clause, Contract

ANALYSE_MAX_BYTES = DEFAULT_MAX_BYTES  # 20 MB: analysed
KEEP_MAX_BYTES = 100 * 1024 * 1024  # up to 100 MB: kept (and reported) even when too large to analyse


def blob_path(sha256: str) -> str:
    """Where a file with this hash lives in default_storage (content-addressed: one copy per content)."""
    return f"contracts/sha256/{sha256[:2]}/{sha256}"


def _read_upload(upload: object) -> bytes:
    if isinstance(upload, (bytes, bytearray)):
        return bytes(upload)
    size = getattr(upload, "size", None)
    if size is not None and size > KEEP_MAX_BYTES:
        raise ValidationError({"file": f"The file is {size / 1048576:.0f} MB; the largest file amicable keeps is "
                                       f"{KEEP_MAX_BYTES // 1048576} MB. Upload the contract alone, or a PDF of it."})
    chunks = upload.chunks() if hasattr(upload, "chunks") else [upload.read()]  # type: ignore[attr-defined]
    return b"".join(chunks)


def _store(data: bytes) -> tuple[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    path = blob_path(sha)
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(data))
        if saved != path:  # a storage that renamed it would break content addressing
            default_storage.delete(saved)
            raise RuntimeError(f"Storage refused the content-addressed name {path}")
    return sha, path


def _next_version(engagement: Engagement) -> int:
    return (engagement.contracts.aggregate(v=Max("version"))["v"] or 0) + 1


def _clause_rows(contract: Contract, clauses: Iterable[AnalyzedClause]) -> list[Clause]:
    return [Clause(contract=contract, index=c.index, number=c.number[:40], ref=c.ref[:80], citation=c.citation[:200],
                   heading=c.heading[:300], kind=c.kind, level=c.level, parent_index=c.parent, start=c.start,
                   end=c.end, page=c.page, text=c.text, types=[h.to_dict() for h in c.types])
            for c in clauses]


def _note(engagement: Engagement, actor: User, kind: str, summary: str, **data: object) -> None:
    for case in engagement.cases.exclude(stage=Stage.CLOSED):
        event_add(case=case, actor=actor, kind=kind, summary=summary, **data)


def contract_upload(*, actor: User, engagement: Engagement, upload: object, filename: str,
                    title: str = "") -> Contract:
    """Keep the file (content-addressed by SHA-256) as a new version and store what we read from it.

    A file we cannot read (encrypted, scanned, empty, too large, unsupported) is still kept, as a version
    with status "unreadable" and the reason; only files over KEEP_MAX_BYTES are refused.
    """
    filename = (filename or "contract").rsplit("/", 1)[-1][:255]
    data = _read_upload(upload)
    if len(data) > KEEP_MAX_BYTES:
        raise ValidationError({"file": f"The file is over {KEEP_MAX_BYTES // 1048576} MB; amicable does not keep "
                                       "files that large."})
    analysis: Analysis | None = None
    error: ExtractionError | None = None
    try:
        analysis = analyze_document(data, filename, max_bytes=ANALYSE_MAX_BYTES)
    except ExtractionError as exc:
        error = exc
    with transaction.atomic():
        sha, path = _store(data)
        contract = Contract(engagement=engagement, version=_next_version(engagement), title=title.strip()[:200],
                            filename=filename, blob_path=path, sha256=sha, size=len(data), uploaded_by=actor)
        if analysis is not None:
            _fill(contract, analysis)
            contract.save()
            Clause.objects.bulk_create(_clause_rows(contract, analysis.clauses))
            summary = f"Contract v{contract.version} uploaded ({filename}): {len(analysis.clauses)} clauses"
        else:
            assert error is not None
            contract.status = Contract.Status.UNREADABLE
            contract.error_code, contract.error_message = error.code, error.message
            contract.save()
            summary = f"Contract v{contract.version} kept ({filename}) but not readable: {error.code}"
        _file_in_vault(actor, contract, data)
        _note(engagement, actor, "contracts.uploaded", summary, contract_id=contract.pk, version=contract.version,
              sha256=sha, status=contract.status)
    return contract


def vault_external_id(contract: Contract) -> str:
    """The evidence vault's external id of an uploaded contract version."""
    return f"contracts:contract:{contract.pk}"


def _file_in_vault(actor: User, contract: Contract, data: bytes) -> None:
    """File the original into the vault of each open case of the engagement, as a ``file`` item tagged
    ``agreement`` (the vault stores the bytes once by SHA-256 and hashes the item into its log)."""
    from amicable.evidence.services import evidence_file_item

    ctype = mimetypes.guess_type(contract.filename)[0] or "application/octet-stream"
    for case in contract.engagement.cases.exclude(stage=Stage.CLOSED):
        evidence_file_item(
            actor=actor, case=case, kind="file", subject=f"Contract v{contract.version}: {contract.filename}",
            body=contract.title, occurred_at=contract.created_at, attachments=[(contract.filename, data, ctype)],
            external_id=vault_external_id(contract), importer="contracts", source_name=contract.filename,
            tags=["agreement"], meta={"contract_id": contract.pk, "version": contract.version,
                                      "sha256": contract.sha256})


def _fill(contract: Contract, analysis: Analysis) -> None:
    contract.format = analysis.format
    contract.text = analysis.text
    contract.page_starts = analysis.pages if analysis.format == "pdf" or len(analysis.pages) > 1 else []
    contract.language, contract.language_name = analysis.language.code, analysis.language.name
    contract.is_contract = analysis.is_contract
    contract.warnings = [w.to_dict() for w in analysis.warnings]
    contract.terms = [t.to_dict() for t in analysis.terms]
    contract.health = [h.to_dict() for h in analysis.health]


DEAL_KEYS = ("fee", "payment_due_days", "late_fee_rate", "late_fee_period", "late_fee_flat", "deposit_percent",
             "deposit_amount", "revision_rounds", "kill_fee_percent", "kill_fee_when", "termination_notice_days",
             "deemed_acceptance_days", "ip_on_full_payment", "governing_law", "venue", "dispute_methods", "source")


def deal_save(*, actor: User, engagement: Engagement, terms: dict) -> Contract:
    """Record what was agreed without a written contract, as a new version of kind "deal"."""
    unknown = set(terms) - set(DEAL_KEYS)
    if unknown:
        raise ValidationError({"__all__": f"Unknown term(s): {', '.join(sorted(unknown))}."})
    data = {k: v for k, v in terms.items() if v not in (None, "", [])}
    data = {k: (str(v) if not isinstance(v, (bool, int, list, str)) else v) for k, v in data.items()}
    if not (set(data) - {"source", "late_fee_period"}):
        raise ValidationError({"__all__": "Fill in at least one term that was agreed."})
    clauses, key_terms, health = deal_analysis(data, engagement.currency, source=data.get("source", ""))
    with transaction.atomic():
        contract = Contract.objects.create(
            engagement=engagement, version=_next_version(engagement), kind=Contract.Kind.DEAL,
            title="Deal as agreed", format="deal", deal_terms=data, language="en", language_name="English",
            text="\n\n".join(c.text for c in clauses), terms=[t.to_dict() for t in key_terms],
            health=[h.to_dict() for h in health], uploaded_by=actor)
        Clause.objects.bulk_create(_clause_rows(contract, clauses))
        _note(engagement, actor, "contracts.deal_recorded",
              f"Deal as agreed recorded (v{contract.version}): {len(key_terms)} terms", contract_id=contract.pk,
              version=contract.version)
    return contract
