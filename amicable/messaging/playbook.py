"""Steps 1–4 of the case spine, derived from data: tone of sent messages, concerns, clarifying
questions (added to the intake's step 3, which belongs to the cases app), and the composer."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from amicable.cases import playbook as cases_playbook
from amicable.cases.models import Case
from amicable.cases.playbook import Action, StepStatus

from .models import Concern, Draft
from .selectors import open_cool_offs


def calm_step(case: Case, user: object) -> StepStatus:
    """Done once a message went out with the verdict "send"; shows any cool-off in progress."""
    url = reverse("messaging:compose", args=[case.pk])
    status = StepStatus(number=1, url=url, panel_template="messaging/_step_panel.html")
    sent = list(case.messages.all())
    calm = [m for m in sent if (m.tone_report or {}).get("verdict") == "send"]
    if sent:
        status.done_items.append(f"{len(calm)} of {len(sent)} sent message{'s' if len(sent) != 1 else ''} "
                                 "passed the tone check")
    cool_offs = open_cool_offs(case)
    if cool_offs:
        status.done_items.append(f"Cool-off until {timezone.localtime(cool_offs[0].cool_off_until):%d %b %H:%M}")
        status.panel_context = {"cool_offs": cool_offs}
    status.done = bool(calm)
    if not status.done:
        status.next_action = Action("Check a message with the tone coach", url)
    return status


def listen_step(case: Case, user: object) -> StepStatus:
    url = reverse("messaging:concerns", args=[case.pk])
    status = StepStatus(number=2, url=url)
    concerns = list(case.concerns.all())
    open_ = [c for c in concerns if c.status == Concern.Status.OPEN]
    if concerns:
        status.done_items.append(f"{len(concerns)} concern{'s' if len(concerns) != 1 else ''} recorded, "
                                 f"{len(open_)} open")
    status.done = bool(concerns) and not open_
    if not concerns:
        status.next_action = Action("Record the client's concerns", url)
    elif open_:
        status.next_action = Action("Acknowledge the open concerns", url)
    return status


def clarify_step(case: Case, user: object) -> StepStatus:
    """The intake's step 3 (cases app), plus what was asked and answered here."""
    status = cases_playbook._intake_step(case, user)  # noqa: SLF001 - the lead's step, extended
    asked = {qid for d in case.drafts.filter(kind="clarify") for qid in d.meta.get("question_ids", [])}
    answers = list(case.question_answers.all())
    if asked:
        status.done_items.append(f"Clarifying questions: {len(asked)} asked, {len(answers)} answered")
    elif answers:
        status.done_items.append(f"Clarifying answers recorded: {len(answers)}")
    if answers:
        status.panel_template = "messaging/_step_panel.html"
        status.panel_context = {"facts": answers[:5]}
    if status.done and not asked:
        status.next_action = Action("Ask clarifying questions", reverse("messaging:questions", args=[case.pk]))
    return status


def communicate_step(case: Case, user: object) -> StepStatus:
    url = reverse("messaging:compose", args=[case.pk])
    status = StepStatus(number=4, url=url)
    drafts = case.drafts.filter(status=Draft.Status.DRAFT).count()
    sent = case.messages.count()
    if drafts:
        status.done_items.append(f"{drafts} draft{'s' if drafts != 1 else ''} in progress")
    if sent:
        status.done_items.append(f"{sent} message{'s' if sent != 1 else ''} sent and filed")
    status.done = sent > 0
    status.next_action = Action("Write a message" if not sent else "Write another message", url)
    return status


STEPS = {1: calm_step, 2: listen_step, 3: clarify_step, 4: communicate_step}
