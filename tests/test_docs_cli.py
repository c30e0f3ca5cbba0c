"""docs/cli.md must describe every `amicable` command and each of its options (a new one fails here)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from tests.cli.base import cli_app

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def leaf_commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(full name, command) for every runnable command under `command`, like ("case list", …)."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield " ".join(path), command
        return
    for name, sub in subcommands.items():
        if not getattr(sub, "hidden", False):
            yield from leaf_commands(sub, (*path, name))


def sections(text: str) -> dict[str, str]:
    """Heading line → the text under it, up to the next heading."""
    found: dict[str, str] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line
            found[heading] = ""
        elif heading:
            found[heading] += line + "\n"
    return found


def commands() -> list[tuple[str, Any]]:
    return list(leaf_commands(typer.main.get_command(cli_app())))


def section_for(name: str, text: str) -> str | None:
    for heading, body in sections(text).items():
        if re.search(rf"`amicable {re.escape(name)}`", heading):
            return body
    return None


def test_it_finds_the_commands():
    names = {name for name, _ in commands()}
    assert {"serve", "login-link", "demo", "token create", "case list", "case new"} <= names


def test_it_documents_every_command_in_its_own_section():
    text = DOC.read_text()
    missing = [name for name, _ in commands() if section_for(name, text) is None]
    assert not missing, f"docs/cli.md has no '### `amicable <command>`' section for: {', '.join(missing)}"


def test_it_documents_every_option_of_every_command():
    text = DOC.read_text()
    missing = []
    for name, command in commands():
        body = section_for(name, text) or ""
        for param in command.params:
            for flag in [*param.opts, *getattr(param, "secondary_opts", [])]:
                if flag.startswith("--") and f"`{flag}`" not in body:
                    missing.append(f"amicable {name} {flag}")
    assert not missing, "options not described in their command's section of docs/cli.md: " + ", ".join(missing)
