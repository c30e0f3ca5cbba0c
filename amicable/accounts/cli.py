"""`amicable serve`, `amicable login-link`, `amicable token create|list|revoke`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import typer

from amicable.cli import console, fail


def _login_url(host: str, port: int) -> str:
    from .services import local_owner_ensure, login_link_create

    token = login_link_create(user=local_owner_ensure())
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
    return f"http://{shown_host}:{port}/login/{token}/"


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _start_worker() -> subprocess.Popen[bytes] | None:
    from django.conf import settings

    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return None
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "amicable.settings"}
    return subprocess.Popen([sys.executable, "-m", "django", "db_worker", "--interval", "0.5"], env=env)


def serve(host: str = typer.Option("127.0.0.1", help="Address to listen on."),
          port: int = typer.Option(8000, help="Port to listen on."),
          threads: int = typer.Option(8, help="Web server threads."),
          worker: bool = typer.Option(True, help="Also run the background task worker.")) -> None:
    """Run the web app (migrating first). In local mode, print a one-time login link."""
    from django.conf import settings
    from waitress import serve as waitress_serve

    from amicable.wsgi import application

    _migrate()
    console.print(f"[bold]amicable[/] ({settings.MODE} mode) · data in {settings.HOME}")
    if settings.LOCAL_MODE:
        console.print("Open this link to sign in (it works once, for "
                      f"{settings.AMICABLE_LOGIN_LINK_MINUTES} minutes):")
        console.print(f"\n    [bold green]{_login_url(host, port)}[/]\n", soft_wrap=True)
    process = _start_worker() if worker else None
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="amicable", _quiet=True)
    finally:
        if process is not None:
            process.terminate()


def login_link(host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8000),
               as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print a fresh one-time login link for the local owner (local mode only)."""
    from django.conf import settings

    if not settings.LOCAL_MODE:
        fail("Login links exist only in local mode; in server mode, sign in with your email and password.")
    _migrate()
    url = _login_url(host, port)
    console.print_json(json.dumps({"url": url})) if as_json else console.print(url, soft_wrap=True)


token_app = typer.Typer(help="API tokens for the JSON API.", no_args_is_help=True)


@token_app.command("create")
def token_create(name: str = typer.Argument(..., help="What will use the token."),
                 days: int = typer.Option(90, help="Days until it expires (1-366)."),
                 as_json: bool = typer.Option(False, "--json")) -> None:
    """Create an API token for the CLI user; the token is printed once."""
    from django.core.exceptions import ValidationError

    from .selectors import cli_user
    from .services import api_token_create

    try:
        issued = api_token_create(user=cli_user(), name=name, days=days)
    except (ValidationError, LookupError) as exc:
        fail(" ".join(getattr(exc, "messages", [str(exc)])))
    payload = {"id": issued.token.pk, "name": issued.token.name, "token": issued.raw,
               "expires_at": issued.token.expires_at.isoformat()}
    if as_json:
        console.print_json(json.dumps(payload))
    else:
        console.print(f"Token “{issued.token.name}” (expires {issued.token.expires_at:%Y-%m-%d}). Copy it now:")
        console.print(issued.raw, soft_wrap=True)


@token_app.command("list")
def token_list(as_json: bool = typer.Option(False, "--json")) -> None:
    """List your API tokens (never their values)."""
    from .models import ApiToken
    from .selectors import cli_user

    rows = [{"id": t.pk, "name": t.name, "prefix": t.prefix, "expires_at": t.expires_at.isoformat(),
             "revoked": t.revoked_at is not None} for t in ApiToken.objects.filter(user=cli_user()).order_by("pk")]
    if as_json:
        console.print_json(json.dumps(rows))
        return
    for r in rows:
        console.print(f"{r['id']:>4}  {r['name']:<30} {r['prefix']}…  expires {r['expires_at'][:10]}"
                      + ("  [red]revoked[/]" if r["revoked"] else ""))


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke one of your API tokens."""
    from .models import ApiToken
    from .selectors import cli_user
    from .services import api_token_revoke

    user = cli_user()
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        fail(f"No token {token_id} of yours.")
    api_token_revoke(actor=user, token=token)
    console.print(f"Token {token_id} revoked.")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command("login-link")(login_link)
    app.add_typer(token_app, name="token")
