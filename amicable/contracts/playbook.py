"""Step 7 of the case spine: refer to the contract."""

from __future__ import annotations

from django.urls import reverse

from amicable.cases.models import Case
from amicable.cases.playbook import Action, StepStatus

from .selectors import case_contract_view


def contract_step(case: Case, user: object) -> StepStatus:
    """Done once a readable contract (or a typed deal) is on file; the panel shows the top clauses."""
    url = reverse("contracts:case_contract", args=[case.pk])
    status = StepStatus(number=7, url=url, panel_template="contracts/_case_panel.html")
    view = case_contract_view(case, limit=3)
    if view.contract is None:
        label = "Upload the contract" if view.latest is None else "Upload a readable version of the contract"
        status.next_action = Action(label, reverse("contracts:contract_list", args=[case.engagement_id]))
        if view.latest is not None:
            status.done_items.append(f"Contract v{view.latest.version} kept, but unreadable: {view.latest.error_code}")
        return status
    what = "Deal as agreed" if view.contract.kind == "deal" else f"Contract v{view.contract.version}"
    status.done_items.append(f"{what} on file: {view.contract.clauses.count()} clauses")
    if view.relevant:
        status.done_items.append(f"{len(view.relevant)} clauses bear on this dispute")
    status.done = True
    status.panel_context = {"relevant": view.relevant, "missing_count": len(view.missing)}
    status.next_action = Action("See what your contract says", url)
    return status


STEPS = {7: contract_step}
