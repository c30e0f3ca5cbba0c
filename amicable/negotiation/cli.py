"""`amicable negotiation settlement|options|offers|tick`."""

from __future__ import annotations

import typer

from amicable.cli import fail
from amicable.mediation.cli import case_for_cli as _case
from amicable.mediation.cli import print_rows as _print

negotiation_app = typer.Typer(help="Step 5: what is owed, options, offers; `tick` expires offers.",
                              no_args_is_help=True)


@negotiation_app.command("settlement")
def settlement(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """What is owed on each basis, every line with its source."""
    from amicable.lib.money import format_money

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
    text = "\n".join(f"{b.title}: {format_money(b.total, result.currency)}" + "".join(
        f"\n    {ln.label}: {format_money(ln.amount, result.currency)}  [{ln.source}]" for ln in b.lines)
        for b in result.bases)
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


def register(app: typer.Typer) -> None:
    app.add_typer(negotiation_app, name="negotiation")
