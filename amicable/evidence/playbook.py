"""Step 8 of the case spine: document everything (the evidence vault)."""

from __future__ import annotations

from django.urls import reverse

from amicable.cases.models import Case
from amicable.cases.playbook import Action, StepStatus

from .selectors import case_summary


def _document_step(case: Case, user: object) -> StepStatus:
    url = reverse("evidence:timeline", args=[case.pk])
    summary = case_summary(case)
    status = StepStatus(number=8, url=url, panel_template="evidence/_panel.html",
                        panel_context={"summary": summary, "case": case})
    if summary["items"]:
        kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.items() if k not in ("items", "key_moments"))
        count = summary["items"]
        status.done_items.append(f"{count} item{'s' if count != 1 else ''} in the vault ({kinds})")
    if summary["key_moments"]:
        moments = summary["key_moments"]
        status.done_items.append(f"{moments} key moment{'s' if moments != 1 else ''} tagged")
    status.done = summary["items"] > 0 and summary["key_moments"] > 0
    if not summary["items"]:
        status.next_action = Action("Add your emails, chats and files", url)
    elif not summary["key_moments"]:
        status.next_action = Action("Tag the key moments (scope changes, agreements, promises to pay)", url)
    return status


STEPS = {8: _document_step}
