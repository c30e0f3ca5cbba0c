"""Run the `amicable` CLI in-process with Typer's CliRunner, on the test database."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from amicable.cli import _register_app_commands, app
from amicable.test import BaseTestCase


def cli_app() -> Any:
    """The `amicable` Typer app with every app's commands registered (once)."""
    if not any(group.name == "case" for group in app.registered_groups):
        _register_app_commands()
    return app


class CliTestCase(BaseTestCase):
    def run_cli(self, *args: str, code: int = 0) -> Any:
        result = CliRunner().invoke(cli_app(), list(args))
        assert result.exit_code == code, (args, result.exit_code, result.output, result.exception)
        return result

    def run_json(self, *args: str) -> Any:
        return json.loads(self.run_cli(*args, "--json").stdout)

    def error_of(self, *args: str) -> str:
        """The error text (whitespace-normalised) of a command expected to fail with exit code 1."""
        result = self.run_cli(*args, code=1)
        assert result.stdout == "", result.stdout
        return " ".join(result.stderr.split())
