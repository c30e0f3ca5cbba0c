"""One entry point for contract analysis: file in, clauses + types + key terms + health check out.

Pure module: no Django import. `analyze_document` raises ExtractionError for files we cannot read
(encrypted, scanned without OCR, empty, too large, unsupported); everything softer (not a contract,
not English, pages without text) is reported as a Notice in `Analysis.warnings`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .classify import TYPE_LABELS, TypeHit, classify_clauses, detect_roles
from .extract import DEFAULT_MAX_BYTES, ExtractionError, extract
from .health import HealthItem, health_check
from .language import LanguageResult, contract_likelihood, detect_language
from .segment import Clause, segment
from .terms import KeyTerm, extract_terms

__all__ = ["Analysis", "AnalyzedClause", "ExtractionError", "Notice", "analyze_document", "analyze_text"]


@dataclass
class Notice:
    """A warning about the input: `code` is stable (for tests and UI), `message` is for people."""

    code: str
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


@dataclass
class AnalyzedClause(Clause):
    """A clause with its types."""

    types: list[TypeHit] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "index": self.index, "number": self.number, "ref": self.ref, "citation": self.citation,
            "heading": self.heading, "kind": self.kind, "level": self.level, "parent": self.parent,
            "start": self.start, "end": self.end, "page": self.page, "text": self.text, "within": self.within,
            "types": [h.to_dict() for h in self.types],
        }

    @property
    def type_names(self) -> list[str]:
        return [h.type for h in self.types]


@dataclass
class Analysis:
    """Everything we read from one contract file."""

    filename: str
    format: str
    sha256: str
    size: int
    text: str
    pages: list[int]
    clauses: list[AnalyzedClause]
    terms: list[KeyTerm]
    health: list[HealthItem]
    language: LanguageResult
    is_contract: bool
    warnings: list[Notice] = field(default_factory=list)

    @property
    def page_count(self) -> int | None:
        return len(self.pages) if self.format == "pdf" or len(self.pages) > 1 else None

    def term(self, name: str) -> KeyTerm | None:
        """Return the first key term called `name`, or None."""
        return next((t for t in self.terms if t.name == name), None)

    def to_dict(self, *, with_text: bool = False) -> dict:
        out = {
            "filename": self.filename, "format": self.format, "sha256": self.sha256, "size": self.size,
            "pages": self.page_count, "language": self.language.to_dict(), "is_contract": self.is_contract,
            "warnings": [w.to_dict() for w in self.warnings],
            "clauses": [c.to_dict() for c in self.clauses],
            "terms": [t.to_dict() for t in self.terms],
            "health": [h.to_dict() for h in self.health],
            "type_labels": TYPE_LABELS,
        }
        if with_text:
            out["text"] = self.text
        return out


def analyze_document(source: str | Path | bytes, filename: str | None = None, *,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Analysis:
    """Analyse a contract given as a path or as bytes (with its filename for the format)."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ExtractionError("unreadable", f"Cannot read {path}: {exc.strerror or exc}.") from exc
        if size > max_bytes:
            raise ExtractionError("too_large", f"The file is {size / 1048576:.1f} MB, over the "
                                               f"{max_bytes / 1048576:.1f} MB limit.")
        data = path.read_bytes()
        filename = filename or path.name
    else:
        data = bytes(source)
    extracted = extract(data, filename or "", max_bytes=max_bytes)
    pages = extracted.pages if extracted.format == "pdf" or len(extracted.pages) > 1 else None
    analysis = analyze_text(extracted.text, filename=filename or "", fmt=extracted.format,
                            headings=extracted.headings, pages=pages)
    analysis.sha256 = hashlib.sha256(data).hexdigest()
    analysis.size = len(data)
    analysis.pages = extracted.pages
    analysis.warnings[:0] = [Notice("extraction", w) for w in extracted.warnings]
    if extracted.format == "docx" and len(extracted.pages) <= 1:
        analysis.warnings.append(Notice("no_pages", "Word documents carry no fixed pages: clauses are cited by "
                                                    "number, without page numbers."))
    return analysis


def analyze_text(text: str, *, filename: str = "", fmt: str = "txt", headings=(), pages=None) -> Analysis:
    """Analyse already-extracted text."""
    language = detect_language(text)
    warnings: list[Notice] = []
    clauses = [_with_types(c) for c in segment(text, headings=headings, pages=pages)]
    english = language.code == "en"
    if english:
        roles = detect_roles(text)
        types = classify_clauses(clauses, roles=roles)
        for c in clauses:
            c.types = types.get(c.index, [])
    else:
        warnings.append(Notice(
            "not_english",
            f"This contract looks like it is in {language.name} (confidence {language.confidence:.0%}). "
            "Clause typing, key terms and the health check work on English only for now; the outline below "
            "follows the document's own numbering.",
        ))
    likelihood = contract_likelihood(text, clauses)
    is_contract = likelihood.is_contract
    if english and not is_contract:
        warnings.append(Notice("not_a_contract", likelihood.message))
    terms = extract_terms(clauses) if english else []
    health = health_check(clauses, terms) if english and is_contract else []
    return Analysis(filename=filename, format=fmt, sha256="", size=len(text.encode("utf-8")), text=text,
                    pages=list(pages or [0]), clauses=clauses, terms=terms, health=health,
                    language=language, is_contract=is_contract, warnings=warnings)


def _with_types(c: Clause) -> AnalyzedClause:
    return AnalyzedClause(**{k: getattr(c, k) for k in Clause.__dataclass_fields__})
