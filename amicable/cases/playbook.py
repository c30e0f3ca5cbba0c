"""The case spine: the ten steps of the practice, each filled from data by the app that owns it.

Apps contribute a module `amicable/<app>/playbook.py` with `STEPS = {number: fn(case, user) -> StepStatus}`.
A step no app provides yet says what it will do, and nothing else (no fake progress).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.urls import reverse

from amicable.discovery import app_modules

from .models import Case, Deadline


@dataclass(frozen=True)
class StepInfo:
    number: int
    slug: str
    title: str
    promise: str  # what the step does for the freelancer


STEP_INFO = [
    StepInfo(1, "calm", "Stay calm and professional",
             "A tone coach checks every message as you type it and suggests calmer words."),
    StepInfo(2, "listen", "Listen to the client's concerns",
             "Record each concern, quoted from the email or chat it came from, and acknowledge it."),
    StepInfo(3, "clarify", "Clarify the issue",
             "A guided intake: what was agreed, delivered and claimed, and what kind of dispute this is."),
    StepInfo(4, "communicate", "Communicate openly",
             "Messages written from templates filled with the case facts, tone-checked and filed."),
    StepInfo(5, "propose", "Propose solutions",
             "Options and amounts computed from the engagement, offers, counter-offers and blind bidding."),
    StepInfo(6, "mediate", "Seek mediation",
             "A case room shared with the client and a neutral mediator, with scoped access."),
    StepInfo(7, "contract", "Refer to the contract",
             "The clauses that decide this dispute, in plain words, with the exact text to quote."),
    StepInfo(8, "document", "Document everything",
             "A tamper-evident vault of emails, chats, files and notes on one timeline."),
    StepInfo(9, "legal", "Seek legal advice",
             "An escalation ladder with deadlines, statutory interest and letters, per jurisdiction."),
    StepInfo(10, "learn", "Learn from it",
             "A retrospective when the case closes, and what to change in your next contract."),
]


@dataclass
class Action:
    label: str
    url: str


@dataclass
class StepStatus:
    """What a step shows on the case page."""

    number: int
    built: bool = True
    done: bool = False
    done_items: list[str] = field(default_factory=list)
    next_action: Action | None = None
    url: str = ""
    panel_template: str = ""
    panel_context: dict[str, object] = field(default_factory=dict)
    info: StepInfo | None = None
    next_deadline: Deadline | None = None

    @property
    def state(self) -> str:
        if not self.built:
            return "not_built"
        if self.done:
            return "done"
        return "started" if self.done_items else "todo"


StepFn = Callable[[Case, object], StepStatus]


@cache
def _providers() -> dict[int, StepFn]:
    found: dict[int, StepFn] = {}
    for _app, module in app_modules("playbook"):
        found.update(getattr(module, "STEPS", {}))
    return found


def playbook_for(case: Case, user: object) -> list[StepStatus]:
    """The ten steps for `case` as `user` sees them, each with its next open deadline."""
    deadlines = list(case.deadlines.filter(done_at__isnull=True, cancelled_at__isnull=True).order_by("due_at"))
    steps = []
    for info in STEP_INFO:
        fn = _providers().get(info.number)
        status = fn(case, user) if fn else StepStatus(number=info.number, built=False)
        status.info = info
        status.next_deadline = next((d for d in deadlines if d.step == info.number), None)
        steps.append(status)
    return steps


def current_step(steps: list[StepStatus]) -> StepStatus | None:
    """The first built step that is not done: what the freelancer should look at next."""
    return next((s for s in steps if s.built and not s.done), None)


def _intake_step(case: Case, user: object) -> StepStatus:
    url = reverse("cases:intake", args=[case.pk])
    status = StepStatus(number=3, url=url)
    answered = [k for k in ("agreed", "delivered", "client_says", "you_say") if case.intake.get(k)]
    if answered:
        status.done_items.append(f"Intake: {len(answered)} of 4 key questions answered")
    if case.types_confirmed_at:
        status.done_items.append("Dispute types confirmed: " + ", ".join(case.dispute_type_labels()))
    status.done = len(answered) == 4 and case.types_confirmed_at is not None
    if not status.done:
        label = "Start the intake" if not answered else "Finish the intake"
        status.next_action = Action(label, url)
    return status


STEPS: dict[int, StepFn] = {3: _intake_step}
