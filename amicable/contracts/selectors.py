"""Reads for contracts. Contracts hang off engagements: they are reached only through the gate."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from amicable.accounts.models import User
from amicable.cases.models import Case, Engagement
from amicable.cases.selectors import engagements_visible_to

from .analyze import AnalyzedClause
from .classify import TypeHit
from .models import Clause, Contract
from .summary import RelevantClause, contract_summary, relevant_clauses
from .terms import KeyTerm


def contract_for_user(user: User, engagement: Engagement, contract_id: int | str) -> Contract:
    """A contract of an engagement already loaded through the gate; Http404 otherwise."""
    try:
        return engagement.contracts.get(pk=int(contract_id))
    except (Contract.DoesNotExist, ValueError, TypeError):
        raise Http404("No such contract") from None


def contract_by_id_for_user(user: User, contract_id: int | str, need: str = "view") -> Contract:
    """A contract by id, if its engagement is within `user`'s reach at level `need` (for the API)."""
    try:
        return Contract.objects.select_related("engagement").get(
            pk=int(contract_id), engagement__in=engagements_visible_to(user, need))
    except (Contract.DoesNotExist, ValueError, TypeError):
        raise Http404("No such contract") from None


def current_contract(engagement: Engagement) -> Contract | None:
    """The latest version for the engagement (readable or not), or None."""
    return engagement.contracts.order_by("-version").first()


def current_readable_contract(engagement: Engagement) -> Contract | None:
    """The latest version we could read, or None."""
    return engagement.contracts.filter(status=Contract.Status.ANALYSED).order_by("-version").first()


def analysed_clauses(contract: Contract) -> list[AnalyzedClause]:
    """The contract's clauses as the pure modules' AnalyzedClause objects."""
    out = []
    for c in contract.clauses.all():
        out.append(AnalyzedClause(
            index=c.index, number=c.number, heading=c.heading, start=c.start, end=c.end, text=c.text, level=c.level,
            parent=c.parent_index, kind=c.kind, page=c.page, ref=c.ref,
            within=c.citation if not c.ref and not c.heading else "",
            types=[TypeHit(t["type"], float(t["confidence"]), list(t.get("triggers", [])),
                           bool(t.get("inherited"))) for t in c.types]))
    return out


def key_terms(contract: Contract) -> list[KeyTerm]:
    fields = KeyTerm.__dataclass_fields__
    return [KeyTerm(**{k: v for k, v in t.items() if k in fields}) for t in contract.terms]


@dataclass
class CaseContractView:
    """What step 7 shows: the contract, the clauses that bear on the dispute, plain summaries."""

    contract: Contract | None
    latest: Contract | None
    relevant: list[RelevantClause] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)


def case_contract_view(case: Case, *, limit: int = 8) -> CaseContractView:
    """Rank the current contract's clauses for the case's dispute types."""
    latest = current_contract(case.engagement)
    contract = current_readable_contract(case.engagement)
    if contract is None:
        return CaseContractView(contract=None, latest=latest)
    clauses = analysed_clauses(contract)
    terms = key_terms(contract)
    return CaseContractView(
        contract=contract, latest=latest,
        relevant=relevant_clauses(clauses, terms, list(case.dispute_types), limit=limit),
        summary=contract_summary(terms),
        missing=[h for h in contract.health if not h["present"]],
    )


def clause_by_index(contract: Contract, index: int | str) -> Clause:
    try:
        return contract.clauses.get(index=int(index))
    except (Clause.DoesNotExist, ValueError, TypeError):
        raise Http404("No such clause") from None


def vault_items(contract: Contract) -> list:
    """The evidence items (one per open case at upload time) holding this version's original file."""
    from amicable.evidence.models import EvidenceItem

    from .services import vault_external_id

    return list(EvidenceItem.objects.filter(case__engagement_id=contract.engagement_id,
                                            external_id=vault_external_id(contract)).select_related("case"))


def agreement_sources(engagement: Engagement) -> list:
    """Evidence items tagged ``agreement`` in the engagement's cases, in time order: the sources of the
    deal as agreed. For workspace members (who see every item of their cases)."""
    from amicable.evidence.models import EvidenceItem

    return list(EvidenceItem.objects.filter(case__engagement_id=engagement.pk, tags__tag="agreement")
                .select_related("case").order_by("occurred_at", "pk").distinct())
