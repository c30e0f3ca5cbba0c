"""The demo workspace: two clients, three engagements and two open cases, written through the services.

Dates are relative to today so the demo always looks current: one invoice is overdue, deadlines are a
few days ahead. Loading is idempotent: if a demo client already exists in the workspace, nothing is
created. Everything is created in one transaction, so a failure leaves nothing half-made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from amicable.accounts.models import User, Workspace

from . import services
from .flows import case_transition
from .models import Case, Client, Engagement

ROASTERS = "Harbour & Pine Coffee Roasters"
ANALYTICS = "Lumen Analytics GmbH"
DEMO_CLIENTS = (ROASTERS, ANALYTICS)
STEPS = 8  # calls to `step` in demo_load, for a progress bar


@dataclass
class DemoResult:
    created: bool
    workspace: Workspace
    clients: list[Client] = field(default_factory=list)
    engagements: list[Engagement] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def demo_find(workspace: Workspace) -> DemoResult | None:
    """The demo objects already in `workspace`, or None when the demo was never loaded there."""
    clients = list(Client.objects.filter(workspace=workspace, name__in=DEMO_CLIENTS).order_by("name"))
    if not clients:
        return None
    engagements = list(Engagement.objects.filter(client__in=clients).order_by("created_at", "pk"))
    cases = list(Case.objects.filter(engagement__in=engagements).order_by("opened_at", "pk"))
    return DemoResult(created=False, workspace=workspace, clients=clients, engagements=engagements, cases=cases)


def demo_load(*, actor: User, workspace: Workspace, step: Callable[[str], None] = lambda _: None) -> DemoResult:
    """Create the demo in `workspace` unless it is there already; `step` is told what is being made."""
    existing = demo_find(workspace)
    if existing is not None:
        return existing
    with transaction.atomic():
        result = DemoResult(created=True, workspace=workspace)
        _roasters(actor, workspace, result, step)
        _analytics(actor, workspace, result, step)
    return result


def _day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def _at(offset: int, hour: int = 17) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(offset), dt.time(hour)))


def _roasters(actor: User, workspace: Workspace, result: DemoResult, step: Callable[[str], None]) -> None:
    step(f"Client: {ROASTERS}")
    client = services.client_create(
        actor=actor, workspace=workspace, name=ROASTERS, contact_name="Priya Raman",
        email="accounts@harbourandpine.example", phone="+44 20 7946 0321",
        address="14 Quay Street, Bristol BS1 4DJ", country="GB", jurisdiction="GB-ENG",
        notes="Independent roastery with a shop and a webshop. Referred by a printer we both work with.")
    result.clients.append(client)

    step("Engagement: seasonal label refresh (paid)")
    labels = services.engagement_create(
        actor=actor, client=client, title="Seasonal label refresh", currency="GBP", rate="900", rate_unit="project",
        scope="Refresh of the spring labels for two single-origin coffees; one revision round.",
        start_date=_day(-215), end_date=_day(-195))
    services.milestone_add(actor=actor, engagement=labels, title="Label artwork", amount="900", due_date=_day(-198),
                           status="accepted", delivered_on=_day(-199))
    paid = services.invoice_add(actor=actor, engagement=labels, number="HP-2026-012", amount="900",
                                issue_date=_day(-199), due_date=_day(-185))
    services.payment_record(actor=actor, invoice=paid, amount="900", received_on=_day(-190), note="Bank transfer")
    result.engagements.append(labels)

    step("Engagement: winter blends packaging, with an overdue invoice")
    packaging = services.engagement_create(
        actor=actor, client=client, title="Packaging design for the winter blends", currency="GBP", rate="4800",
        rate_unit="project", start_date=_day(-110), end_date=_day(-50),
        scope="Packaging artwork for three winter blends (250 g and 1 kg bags), print-ready files and liaison "
              "with the printer; two revision rounds per design. Fixed price £4,800: 25% deposit, the balance on "
              "delivery of the print-ready files, invoices payable within 14 days.")
    for title, amount, due, delivered in (("Concepts and moodboards", "1200", -95, -96),
                                          ("Final artwork for the three blends", "2400", -70, -68),
                                          ("Print-ready files and printer liaison", "1200", -55, -52)):
        services.milestone_add(actor=actor, engagement=packaging, title=title, amount=amount, due_date=_day(due),
                               status="accepted", delivered_on=_day(delivered))
    deposit = services.invoice_add(actor=actor, engagement=packaging, number="HP-2026-031", amount="1200",
                                   issue_date=_day(-110), due_date=_day(-96))
    services.payment_record(actor=actor, invoice=deposit, amount="1200", received_on=_day(-105), note="Deposit")
    balance = services.invoice_add(actor=actor, engagement=packaging, number="HP-2026-047", amount="3600",
                                   issue_date=_day(-52), due_date=_day(-38))
    services.payment_record(actor=actor, invoice=balance, amount="1000", received_on=_day(-20),
                            note="Part payment after the first reminder")
    result.engagements.append(packaging)

    step("Case: unpaid balance on HP-2026-047")
    case = services.case_open(actor=actor, engagement=packaging, title="Unpaid balance on invoice HP-2026-047",
                              dispute_types=["non_payment"], amount="2600", currency="GBP",
                              summary="£2,600 of £3,600 still unpaid 38 days after the due date; the packaging is "
                                      "already on sale.")
    services.case_intake_save(actor=actor, case=case, answers={
        "agreed": "Packaging artwork for three winter blends, two revision rounds each, £4,800 fixed: 25% deposit, "
                  "the balance on delivery of the print-ready files, payment within 14 days of the invoice.",
        "delivered": "Concepts, final artwork and print-ready files for all three blends. The printer confirmed "
                     "the files and the bags are on sale in their shop and webshop.",
        "delivered_on": _day(-52).isoformat(),
        "client_says": "We are short on cash after the winter launch and will pay the rest when sales pick up. "
                       "We already paid £1,000.",
        "you_say": "The work was delivered, accepted and is on sale. I am happy to agree a short payment plan, "
                   "but the £2,600 balance is owed and overdue.",
        "amount": "2600", "currency": "GBP", "desired_outcome": "full_payment"})
    services.case_types_confirm(actor=actor, case=case, dispute_types=["non_payment"])
    case_transition(actor=actor, case=case, to="negotiating",
                    note="The client acknowledged the balance and asked for time to pay.")
    step("Deadlines for the payment case")
    services.deadline_add(actor=actor, case=case, what="Client's answer to the payment plan proposal",
                          due_at=_at(5), step=5,
                          if_missed="Send the final notice before starting the escalation ladder.")
    services.deadline_add(actor=actor, case=case, what="Final notice: 14 days to pay the balance", due_at=_at(19),
                          step=9, if_missed="Letter before claim; statutory late payment interest becomes part of "
                                            "the claim.")
    _evidence(actor, case, "roasters", [
        ("email", -52, 10, "You <studio@example.com>", "Print-ready files and invoice HP-2026-047",
         "Hi Tom,\n\nattached are the print-ready files for the three winter blends, and invoice HP-2026-047 for "
         "the balance of £3,600, due in 14 days.\n\nThanks for a great project!", ["delivery"]),
        ("email", -50, 9, "Tom Okafor <tom@harbourpine.example>", "Re: Print-ready files and invoice HP-2026-047",
         "Files received, the printer says they are perfect. We will pay the invoice on the due date.",
         ["promise_to_pay"]),
        ("email", -24, 16, "Tom Okafor <tom@harbourpine.example>", "Re: Reminder: invoice HP-2026-047",
         "Sorry, cash is tight after the launch. We will send £1,000 this week and the rest when sales pick up.",
         ["promise_to_pay", "complaint"]),
    ])
    result.cases.append(case)


def _evidence(actor: User, case: object, key: str, rows: list[tuple[str, int, int, str, str, str, list[str]]]) -> None:
    """A few emails and chat messages in the case's vault, so the timeline, search and verify show something."""
    from amicable.evidence.services import evidence_file_item

    for n, (kind, day, hour, author, subject, body, tags) in enumerate(rows):
        evidence_file_item(actor=actor, case=case, kind=kind, subject=subject, body=body, author=author,
                           occurred_at=_at(day, hour), tags=tags, thread_key=f"demo-{key}",
                           external_id=f"demo:{key}:{n}", source_name="demo workspace", importer="demo")


def _analytics(actor: User, workspace: Workspace, result: DemoResult, step: Callable[[str], None]) -> None:
    step(f"Client: {ANALYTICS}")
    client = services.client_create(
        actor=actor, workspace=workspace, name=ANALYTICS, contact_name="Jonas Weber", email="jonas@lumen.example",
        phone="+49 30 5555 0142", address="Torstraße 88, 10119 Berlin", country="DE", jurisdiction="DE",
        notes="Start-up; decisions go through the CTO. Prefers calls, so confirm everything by email afterwards.")
    result.clients.append(client)

    step("Engagement: analytics dashboard, with change requests")
    cr = [_day(-34).isoformat(), _day(-21).isoformat(), _day(-9).isoformat()]
    dashboard = services.engagement_create(
        actor=actor, client=client, title="Analytics dashboard MVP", currency="EUR", rate="680", rate_unit="day",
        start_date=_day(-60), end_date=_day(20),
        scope="Quote Q-2026-118, accepted by email: an analytics dashboard with three screens (Overview, Cohorts, "
              "Revenue) on the client's existing data warehouse, CSV export from each screen, one round of "
              "revisions per screen. 12 days at €680/day, €8,160 in total. Not included: user management, PDF "
              "reports, mobile layout.\n\n"
              "Change requests received since:\n"
              f"- CR-1 ({cr[0]}): a fourth screen, “Churn forecast”, to be included in the quoted price.\n"
              f"- CR-2 ({cr[1]}): PDF export of every screen for the board pack.\n"
              f"- CR-3 ({cr[2]}): a mobile layout, “since you're in there anyway”.")
    services.milestone_add(actor=actor, engagement=dashboard, title="Discovery and wireframes", amount="2040",
                           due_date=_day(-45), status="accepted", delivered_on=_day(-46))
    services.milestone_add(actor=actor, engagement=dashboard, title="Three screens built", amount="4080",
                           due_date=_day(-10), status="delivered", delivered_on=_day(-8))
    services.milestone_add(actor=actor, engagement=dashboard, title="CSV export and handover", amount="2040",
                           due_date=_day(20))
    first = services.invoice_add(actor=actor, engagement=dashboard, number="LUM-0007", amount="2040",
                                 issue_date=_day(-45), due_date=_day(-15))
    services.payment_record(actor=actor, invoice=first, amount="2040", received_on=_day(-17))
    services.invoice_add(actor=actor, engagement=dashboard, number="LUM-0011", amount="4080", issue_date=_day(-8),
                         due_date=_day(22))
    result.engagements.append(dashboard)

    step("Case: change requests beyond the quote")
    case = services.case_open(actor=actor, engagement=dashboard, title="Change requests beyond quote Q-2026-118",
                              dispute_types=["scope_creep"], amount="4760", currency="EUR",
                              summary="Three change requests (7 extra days) asked to be included in the fixed quote.")
    services.case_intake_save(actor=actor, case=case, answers={
        "agreed": "Quote Q-2026-118: three dashboard screens with CSV export and one revision round each, 12 days "
                  "at €680/day. User management, PDF reports and a mobile layout were explicitly not included.",
        "delivered": "Wireframes (accepted) and the three agreed screens; the CSV export is in progress.",
        "delivered_on": _day(-8).isoformat(),
        "client_says": "The churn forecast and the PDF export are part of a usable dashboard, we expected them to "
                       "be included. We won't approve the next invoice until they are done.",
        "you_say": "They are not in the quote. I am glad to build them as a change order: 7 extra days at the "
                   "agreed day rate, €4,760.",
        "amount": "4760", "currency": "EUR", "desired_outcome": "clarity"})
    case_transition(actor=actor, case=case, to="clarifying", note="Sent the change order CO-1 for the three requests.")
    services.deadline_add(actor=actor, case=case, what="Client's decision on change order CO-1", due_at=_at(7),
                          step=4, if_missed="Pause the extra screens and keep to the quoted scope.")
    _evidence(actor, case, "analytics", [
        ("chat_message", -12, 11, "Lena Brandt", "",
         "Could you also add a churn forecast and a PDF export? Should be quick.", ["scope_change"]),
        ("chat_message", -12, 11, "You", "",
         "Happy to! Both are outside quote Q-2026-118, so I'll send a change order with the days.", []),
        ("email", -10, 9, "You <studio@example.com>", "Change order CO-1",
         "Hi Lena,\n\nas discussed: churn forecast, PDF reports and the mobile layout, 7 days at the agreed "
         "€680/day, €4,760 in total. Reply OK and I will schedule them after the CSV export.", ["scope_change"]),
        ("email", -9, 15, "Lena Brandt <lena@lumen.example>", "Re: Change order CO-1",
         "We expected these to be part of a usable dashboard. We won't approve the next invoice until they are "
         "done.", ["complaint"]),
    ])
    result.cases.append(case)
