"""`amicable negotiation settlement|options|offers|tick` and `amicable room invite|people`."""

from __future__ import annotations

import json
from typing import Any

import typer

from amicable.cli import console, fail

negotiation_app = typer.Typer(help="Step 5: what is owed, options, offers; `tick` expires offers.",
                              no_args_is_help=True)
room_app = typer.Typer(help="Step 6: invite people into a case room and list who is in it.", no_args_is_help=True)


def _case(case_id: int, need: str = "view") -> tuple[Any, Any]:
    from django.http import Http404

    from amicable.accounts.selectors import cli_user
    from amicable.cases.selectors import case_for_user

    try:
        user = cli_user()
        return user, case_for_user(user, case_id, need=need)
    except LookupError as exc:
        fail(str(exc))
    except Http404:
        fail(f"No case {case_id} that you can reach.")
    raise AssertionError("unreachable")


def _print(rows: Any, as_json: bool, text: str) -> None:
    if as_json:
        console.print_json(json.dumps(rows, default=str))
    else:
        console.print(text, soft_wrap=True)


@negotiation_app.command("settlement")
def settlement(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """What is owed on each basis, every line with its source."""
    from .calc import CalcError, calculate
    from .facts import facts_for

    _, case = _case(case_id)
    try:
        result = calculate(facts_for(case))
    except CalcError as exc:
        fail(f"{exc.field}: {exc.message}")
    rows = [{"key": b.key, "title": b.title, "total": str(b.total),
             "lines": [{"label": ln.label, "amount": str(ln.amount), "source": ln.source} for ln in b.lines]}
            for b in result.bases]
    text = "\n".join(f"{b['title']}: {result.currency} {b['total']}" + "".join(
        f"\n    {ln['label']}: {ln['amount']}  [{ln['source']}]" for ln in b["lines"]) for b in rows)
    _print(rows, as_json, text or "Nothing to compute yet: add milestones, invoices or hours.")


@negotiation_app.command("options")
def options(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """The settlement options for the case's dispute types, with amounts."""
    from django.utils import timezone

    from .calc import CalcError, calculate
    from .facts import facts_for
    from .options import DISPUTE_TYPES, generate_options

    _, case = _case(case_id)
    try:
        facts = facts_for(case)
        result = generate_options(facts, calculate(facts), [t for t in case.dispute_types if t in DISPUTE_TYPES],
                                  timezone.localdate())
    except CalcError as exc:
        fail(f"{exc.field}: {exc.message}")
    rows = [{"key": o.key, "title": o.title, "amount": str(o.amount), "currency": o.currency,
             "rationale": o.rationale, "trade_offs": list(o.trade_offs), "terms": o.terms} for o in result.options]
    text = "\n".join(f"{r['key']:<20} {r['currency']} {r['amount']:>12}  {r['title']}" for r in rows)
    _print(rows, as_json, text or "No option fits yet.")


@negotiation_app.command("offers")
def offers(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Offers and counter-offers of a case, oldest first."""
    from .selectors import offers_visible

    user, case = _case(case_id)
    rows = [{"id": o.pk, "thread": o.thread_id, "from": o.from_party, "status": o.status,
             "amount": o.terms["amount"], "currency": o.terms["currency"],
             "sent_at": o.sent_at.isoformat() if o.sent_at else None, "expires_at": o.expires_at.isoformat()}
            for o in offers_visible(case, user).order_by("created_at", "pk")]
    text = "\n".join(f"{r['id']:>5}  thread {r['thread']:<5} {r['from']:<10} {r['status']:<10} "
                     f"{r['currency']} {r['amount']}" for r in rows)
    _print(rows, as_json, text or "No offers yet.")


@negotiation_app.command("tick")
def tick(as_json: bool = typer.Option(False, "--json")) -> None:
    """Expire offers past their expiry and warn about those expiring within a day (run it hourly)."""
    from .services import offers_tick

    result = offers_tick()
    _print(result, as_json, f"{result['expired']} offer(s) expired, {result['warned']} warning(s) sent.")


@room_app.command("invite")
def invite(case_id: int, email: str, role: str = typer.Option("client", help="client, mediator or counsel"),
           days: int = typer.Option(7, help="Days the link works (1-30)."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Invite someone into the case room; prints the one-time link (it is also emailed)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from amicable.mediation.services import invitation_create

    user, case = _case(case_id, need="edit")
    try:
        issued = invitation_create(actor=user, case=case, email=email, role=role, days=days)
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    link = settings.AMICABLE_BASE_URL + issued.path
    row = {"id": issued.invitation.pk, "email": issued.invitation.email, "role": role, "link": link,
           "expires_at": issued.invitation.expires_at.isoformat()}
    _print(row, as_json, f"Invited {row['email']} as {role}. The link works once, until {row['expires_at'][:16]}:\n"
                         f"{link}")


@room_app.command("people")
def people(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Who is in the case room, and pending invitations."""
    from amicable.mediation.selectors import invitations, participants

    _, case = _case(case_id)
    rows = [{"name": g.user.name, "email": g.user.email, "role": g.role, "active": g.revoked_at is None}
            for g in participants(case)]
    rows += [{"name": "", "email": i.email, "role": i.role, "active": False, "invitation": i.state}
             for i in invitations(case) if i.state == "pending"]
    text = "\n".join(f"{r['role']:<9} {r['email']:<35} {r.get('invitation') or ('active' if r['active'] else 'removed')}"
                     for r in rows)
    _print(rows, as_json, text or "Nobody in the room yet.")


def register(app: typer.Typer) -> None:
    app.add_typer(negotiation_app, name="negotiation")
    app.add_typer(room_app, name="room")
