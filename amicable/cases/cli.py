"""`amicable demo` and `amicable case list|show|new|move`.

The CLI acts as `cli_user()` (the local owner, or AMICABLE_CLI_USER in server mode), loads cases
through the gate and writes through the services, like the web pages and the API.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from decimal import Decimal
from typing import Annotated, Any, NoReturn

import typer
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from rich.progress import Progress
from rich.table import Table

from amicable.accounts.models import User, Workspace
from amicable.accounts.selectors import cli_user, workspaces_for
from amicable.cli import console, fail
from amicable.lib.money import format_money

from . import services
from .demo import STEPS, demo_load
from .flows import allowed_moves, case_transition
from .models import Case, DisputeType, Outcome, Stage
from .playbook import playbook_for
from .schemas import money
from .selectors import case_events, case_for_user, cases_visible_to, clients_visible_to

case_app = typer.Typer(help="Cases: list, show, open and move them.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _echo_json(payload: object) -> None:
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def _die(exc: ValidationError) -> NoReturn:
    if hasattr(exc, "message_dict"):
        parts = [f"{field}: {msg}" if field != "__all__" else msg
                 for field, msgs in exc.message_dict.items() for msg in msgs]
    else:
        parts = list(exc.messages)
    fail(" ".join(parts))
    raise exc  # not reached: fail() exits


def _database_ready() -> None:
    """In local mode, apply pending migrations (a fresh install just works); in server mode, say what to do."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if not settings.LOCAL_MODE:
        fail("The database has unapplied migrations: run `python -m django migrate` (server mode) first.")
    call_command("migrate", interactive=False, verbosity=0)


def cli_actor() -> User:
    _database_ready()
    try:
        user = cli_user()
    except LookupError as exc:
        fail(str(exc))
        raise  # not reached: fail() exits
    try:  # show and create times in the user's own time zone, as the web pages do
        timezone.activate(zoneinfo.ZoneInfo(user.timezone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        timezone.deactivate()
    return user


def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def _workspace(user: User) -> Workspace:
    options = workspaces_for(user, need="edit")
    if not options:
        fail(f"{user.email} cannot edit any workspace (read-only access): ask an owner to make you a member.")
    return options[0]


def cli_case(user: User, case_id: int, need: str = "view") -> Case:
    try:
        return case_for_user(user, case_id, need=need)
    except Http404:
        verb = "see" if need == "view" else "change"
        fail(f"No case {case_id} that you can {verb}. `amicable case list --all` shows your cases.")
        raise  # not reached: fail() exits


def _case_row(case: Case) -> dict[str, Any]:
    deadline = case.deadlines.filter(done_at__isnull=True, cancelled_at__isnull=True).order_by("due_at").first()
    return {"id": case.pk, "title": case.title, "client": case.engagement.client.name,
            "engagement": case.engagement.title, "stage": case.stage, "dispute_types": case.dispute_types,
            "amount_in_dispute": money(case.amount_in_dispute, case.currency), "currency": case.currency,
            "outcome": case.outcome, "amount_recovered": money(case.amount_recovered, case.currency),
            "opened_at": _iso(case.opened_at), "closed_at": _iso(case.closed_at),
            "next_deadline": {"what": deadline.what, "due_at": _iso(deadline.due_at)} if deadline else None}


# demo ------------------------------------------------------------------------------------------------

def demo(quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing (errors still go to stderr).")]
         = False, as_json: JsonFlag = False) -> None:
    """Load the demo workspace: two clients, three engagements, two open cases. Safe to run again."""
    user = cli_actor()
    workspace = _workspace(user)
    if quiet or as_json:
        result = demo_load(actor=user, workspace=workspace)
    else:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Loading the demo", total=STEPS)
            result = demo_load(actor=user, workspace=workspace,
                               step=lambda what: progress.update(task, advance=1, description=what))
    if as_json:
        _echo_json({"created": result.created, "workspace": {"id": workspace.pk, "name": workspace.name},
                    "clients": [{"id": c.pk, "name": c.name} for c in result.clients],
                    "engagements": [{"id": e.pk, "title": e.title, "client_id": e.client_id}
                                    for e in result.engagements],
                    "cases": [{"id": c.pk, "title": c.title, "stage": c.stage} for c in result.cases]})
        return
    if quiet:
        return
    if not result.created:
        console.print(f"The demo is already in “{workspace.name}”: nothing new was created.")
    else:
        console.print(f"[green]Demo loaded[/] into “{workspace.name}”: {len(result.clients)} clients, "
                      f"{len(result.engagements)} engagements, {len(result.cases)} open cases.")
    for case in result.cases:
        console.print(f"  #{case.pk}  {case.title}  ([bold]{case.get_stage_display()}[/])")
    console.print("See them with `amicable case list`, or in the browser with `amicable serve`.")


# case list / show ------------------------------------------------------------------------------------

@case_app.command("list")
def case_list(as_json: JsonFlag = False,
              show_all: Annotated[bool, typer.Option("--all", help="Include closed cases.")] = False) -> None:
    """List your open cases (with --all, closed ones too), newest first."""
    cases = cases_visible_to(cli_actor())
    if not show_all:
        cases = cases.exclude(stage=Stage.CLOSED)
    rows = [_case_row(c) for c in cases.order_by("-opened_at", "-pk")]
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        console.print("No open cases. Open one with `amicable case new`, or load examples with `amicable demo`.")
        return
    table = Table("ID", "Title", "Client", "Stage", "Types", "In dispute", "Next deadline", title="Cases")
    for r in rows:
        amount = format_money(Decimal(r["amount_in_dispute"]), r["currency"]) if r["amount_in_dispute"] else "—"
        deadline = f"{r['next_deadline']['due_at'][:10]} {r['next_deadline']['what']}" if r["next_deadline"] else "—"
        table.add_row(str(r["id"]), r["title"], r["client"], r["stage"], ", ".join(r["dispute_types"]) or "—",
                      amount, deadline)
    console.print(table)


def _case_detail(case: Case, user: User) -> dict[str, Any]:
    detail = _case_row(case)
    detail["summary"] = case.summary
    detail["allowed_moves"] = allowed_moves(case.stage)
    detail["intake"] = case.intake
    detail["types_confirmed_at"] = _iso(case.types_confirmed_at)
    detail["deadlines"] = [{"id": d.pk, "what": d.what, "due_at": _iso(d.due_at), "if_missed": d.if_missed,
                            "step": d.step, "state": "done" if d.done_at else "cancelled" if d.cancelled_at
                            else "overdue" if d.is_overdue else "open"} for d in case.deadlines.order_by("due_at")]
    detail["events"] = [{"at": _iso(e.at), "kind": e.kind, "summary": e.summary,
                         "actor": e.actor.name if e.actor else None} for e in case_events(case, limit=15)]
    detail["playbook"] = [{"step": s.number, "title": s.info.title if s.info else "", "state": s.state,
                           "done": s.done_items, "next": s.next_action.label if s.next_action else None,
                           "next_deadline": _iso(s.next_deadline.due_at) if s.next_deadline else None}
                          for s in playbook_for(case, user)]
    return detail


@case_app.command("show")
def case_show(case_id: Annotated[int, typer.Argument(metavar="CASE_ID", help="The case number.")],
              as_json: JsonFlag = False) -> None:
    """Show a case: facts, stage, deadlines, recent activity and the ten playbook steps."""
    user = cli_actor()
    detail = _case_detail(cli_case(user, case_id), user)
    if as_json:
        _echo_json(detail)
        return
    d = detail
    amount = format_money(Decimal(d["amount_in_dispute"]), d["currency"]) if d["amount_in_dispute"] else "—"
    console.print(f"[bold]#{d['id']} {d['title']}[/]")
    console.print(f"Client: {d['client']} · Engagement: {d['engagement']}")
    console.print(f"Stage: [bold]{d['stage']}[/]" + (f" ({d['outcome']})" if d["outcome"] else "")
                  + f" · In dispute: {amount} · Types: {', '.join(d['dispute_types']) or '—'}")
    console.print(f"Can move to: {', '.join(d['allowed_moves'])}")
    if d["summary"]:
        console.print(d["summary"], style="dim")
    steps = Table("Step", "Title", "State", "Done / next", title="Playbook")
    for s in d["playbook"]:
        notes = "; ".join(s["done"]) + (f" → {s['next']}" if s["next"] else "")
        steps.add_row(str(s["step"]), s["title"], s["state"].replace("_", " "), notes or "—")
    console.print(steps)
    if d["deadlines"]:
        table = Table("Due", "What", "If missed", "State", title="Deadlines")
        for x in d["deadlines"]:
            table.add_row(x["due_at"][:16].replace("T", " "), x["what"], x["if_missed"] or "—", x["state"])
        console.print(table)
    events = Table("When", "Who", "What", title="Recent activity")
    for e in d["events"]:
        events.add_row(e["at"][:16].replace("T", " "), e["actor"] or "—", e["summary"])
    console.print(events)


# case new / move -------------------------------------------------------------------------------------

def _types(values: list[str]) -> list[str]:
    return [t.strip() for value in values for t in value.split(",") if t.strip()]


@case_app.command("new")
def case_new(
    client: Annotated[str, typer.Option("--client", help="Client name; reused if it exists, else created.")],
    title: Annotated[str, typer.Option("--title", help="Case title.")],
    types: Annotated[list[str] | None, typer.Option("--type", help="Dispute type (repeat, or comma-separate): "
                                                    + ", ".join(DisputeType.values) + ".")] = None,
    amount: Annotated[str | None, typer.Option("--amount", help="Amount in dispute, like 1200 or 1200.50.")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="ISO 4217 code; default: the engagement's, "
                                                 "or the workspace's base currency.")] = None,
    engagement: Annotated[str | None, typer.Option("--engagement", help="Engagement title; reused if the client "
                                                   "has it, else created. Default: the case title.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Open a case in one go, creating (or reusing) the client and the engagement by name."""
    user = cli_actor()
    workspace = _workspace(user)
    engagement_title = (engagement or title).strip()
    try:
        with transaction.atomic():
            found = clients_visible_to(user, need="edit").filter(workspace=workspace, name__iexact=client.strip())
            client_obj = found.order_by("pk").first()
            client_created = client_obj is None
            if client_obj is None:
                client_obj = services.client_create(actor=user, workspace=workspace, name=client)
            engagement_obj = client_obj.engagements.filter(title__iexact=engagement_title).order_by("pk").first()
            engagement_created = engagement_obj is None
            if engagement_obj is None:
                engagement_obj = services.engagement_create(actor=user, client=client_obj, title=engagement_title,
                                                            currency=currency or workspace.base_currency)
            case = services.case_open(actor=user, engagement=engagement_obj, title=title,
                                      dispute_types=_types(types or []), amount=amount, currency=currency or "")
    except ValidationError as exc:
        _die(exc)
    if as_json:
        _echo_json({"case": _case_row(case),
                    "client": {"id": client_obj.pk, "name": client_obj.name, "created": client_created},
                    "engagement": {"id": engagement_obj.pk, "title": engagement_obj.title,
                                   "created": engagement_created}})
        return
    made = [w for w, new in (("client", client_created), ("engagement", engagement_created)) if new]
    console.print(f"Opened case [bold]#{case.pk}[/] “{case.title}” for {client_obj.name}"
                  + (f" (new {' and '.join(made)})" if made else "") + ".")
    console.print(f"Next: fill the intake in the browser, or see it with `amicable case show {case.pk}`.")


@case_app.command("move")
def case_move(
    case_id: Annotated[int, typer.Argument(metavar="CASE_ID", help="The case number.")],
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="Target stage: " + ", ".join(Stage.values) + ".")],
    outcome: Annotated[str, typer.Option("--outcome", help="When closing: " + ", ".join(Outcome.values) + ".")]
    = "",
    recovered: Annotated[str | None, typer.Option("--recovered", help="When closing: the amount recovered.")]
    = None,
    note: Annotated[str, typer.Option("--note", help="Why, for the activity log.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Move a case to another stage (closing needs --outcome)."""
    user = cli_actor()
    case = cli_case(user, case_id, need="edit")
    before = case.get_stage_display()
    try:
        case_transition(actor=user, case=case, to=stage.strip().lower(), outcome=outcome.strip().lower(),
                        amount_recovered=recovered, note=note)
    except ValidationError as exc:
        _die(exc)
    if as_json:
        _echo_json(_case_row(case))
        return
    console.print(f"Case #{case.pk}: {before} → [bold]{case.get_stage_display()}[/]"
                  + (f" ({case.get_outcome_display()})" if case.outcome else "") + ".")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.add_typer(case_app, name="case")
