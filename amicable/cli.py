"""The `amicable` command. Commands call the same services and permission gate as the web pages.

Apps add commands through `amicable/<app>/cli.py: register(app)`.
"""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

app = typer.Typer(help="amicable: resolve freelance disputes calmly, with the record on your side.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False)
console = Console()
err_console = Console(stderr=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amicable.settings")
    import django

    django.setup()


def fail(message: str, code: int = 1) -> None:
    """Print a clear error to stderr and exit with `code`."""
    err_console.print(f"[bold red]Error:[/] {message}")
    raise typer.Exit(code)


def _register_app_commands() -> None:
    from amicable.discovery import app_modules

    for _name, module in app_modules("cli"):
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


def main() -> None:
    setup_django()
    _register_app_commands()
    app(prog_name="amicable")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
