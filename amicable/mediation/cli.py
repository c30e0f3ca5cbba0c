"""`amicable room invite|people`: invite people into a case room and list who is in it."""

from __future__ import annotations

import json
from typing import Any

import typer

from amicable.cli import console, fail

room_app = typer.Typer(help="Step 6: invite people into a case room and list who is in it.", no_args_is_help=True)


def case_for_cli(case_id: int, need: str = "view") -> tuple[Any, Any]:
    """Return (the CLI user, the case) through the gate, or exit with the same message as `amicable case`."""
    from django.http import Http404

    from amicable.cases.cli import cli_actor  # migrates a fresh local install, sets the user's time zone
    from amicable.cases.selectors import case_for_user

    user = cli_actor()
    try:
        return user, case_for_user(user, case_id, need=need)
    except Http404:
        verb = "see" if need == "view" else "change"
        fail(f"No case {case_id} that you can {verb}. `amicable case list --all` shows your cases.")
        raise  # not reached: fail() exits


def print_rows(rows: Any, as_json: bool, text: str) -> None:
    """Print JSON (only that, on standard output) or the human text."""
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    else:
        console.print(text, soft_wrap=True)


@room_app.command("invite")
def invite(case_id: int, email: str, role: str = typer.Option("client", help="client, mediator or counsel"),
           days: int = typer.Option(7, help="Days the link works (1-30)."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Invite someone into the case room; prints the one-time link (it is also emailed)."""
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from .services import invitation_create

    user, case = case_for_cli(case_id, need="edit")
    try:
        issued = invitation_create(actor=user, case=case, email=email, role=role, days=days)
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    link = settings.AMICABLE_BASE_URL + issued.path
    row = {"id": issued.invitation.pk, "email": issued.invitation.email, "role": role, "link": link,
           "expires_at": issued.invitation.expires_at.isoformat()}
    print_rows(row, as_json, f"Invited {row['email']} as {role}. The link works once, until {row['expires_at'][:16]}:\n"
                         f"{link}")


@room_app.command("people")
def people(case_id: int, as_json: bool = typer.Option(False, "--json")) -> None:
    """Who is in the case room, and pending invitations."""
    from .selectors import invitations, participants

    _, case = case_for_cli(case_id)
    rows = [{"name": g.user.name, "email": g.user.email, "role": g.role, "active": g.revoked_at is None}
            for g in participants(case)]
    rows += [{"name": "", "email": i.email, "role": i.role, "active": False, "invitation": i.state}
             for i in invitations(case) if i.state == "pending"]
    states = [r.get("invitation") or ("active" if r["active"] else "removed") for r in rows]
    text = "\n".join(f"{r['role']:<9} {r['email']:<35} {state}" for r, state in zip(rows, states, strict=True))
    print_rows(rows, as_json, text or "Nobody in the room yet.")


def register(app: typer.Typer) -> None:
    app.add_typer(room_app, name="room")
