"""`amicable contract …` commands. `analyze` is pure (no database): it reads a file and prints the
clause outline with types, the key terms and the health check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from .analyze import analyze_document
from .classify import TYPE_LABELS
from .extract import DEFAULT_MAX_BYTES, ExtractionError
from .summary import contract_summary

contract_app = typer.Typer(help="Contracts: analyse a contract file (clauses, types, key terms, health check).",
                           no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Mount the `contract` sub-command on the root CLI."""
    app.add_typer(contract_app, name="contract")


@contract_app.command("analyze")
def analyze_cmd(
    path: Annotated[Path, typer.Argument(help="Contract file: PDF, DOCX, Markdown, HTML or plain text.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Largest file to accept, in MB.")] =
    DEFAULT_MAX_BYTES / 1048576,
    full_text: Annotated[bool, typer.Option("--full-text", help="Print each clause's whole text.")] = False,
) -> None:
    """Split a contract into clauses, type them, read the key terms and check what is missing."""
    if not path.is_file():
        typer.echo(f"Error: {path} is not a file.", err=True)
        raise typer.Exit(code=2)
    try:
        analysis = analyze_document(path, max_bytes=int(max_mb * 1048576))
    except ExtractionError as exc:
        if as_json:
            typer.echo(json.dumps({"error": {"code": exc.code, "message": exc.message}}))
        else:
            typer.echo(f"Error ({exc.code}): {exc.message}", err=True)
        raise typer.Exit(code=2) from exc
    if as_json:
        typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_human(analysis, full_text)


def _print_human(analysis, full_text: bool) -> None:
    pages = f", {analysis.page_count} pages" if analysis.page_count else ""
    typer.echo(f"{analysis.filename} ({analysis.format}{pages}, {len(analysis.clauses)} clauses, "
               f"language: {analysis.language.name})")
    for w in analysis.warnings:
        typer.echo(f"! {w.message}")
    typer.echo("\nCLAUSES")
    for c in analysis.clauses:
        indent = "  " * (c.level - 1)
        label = " ".join(x for x in (c.number, c.heading) if x) or f"[{c.kind}]"
        where = f"chars {c.start}-{c.end}" + (f", page {c.page}" if c.page else "")
        typer.echo(f"{indent}{label}  ({c.kind}; {where})")
        for h in c.types:
            inherited = ", from parent heading" if h.inherited else ""
            typer.echo(f"{indent}    · {TYPE_LABELS[h.type]} {h.confidence:.0%}{inherited} — triggers: "
                       f"{'; '.join(h.triggers[:4])}")
        text = " ".join(c.text.split())
        typer.echo(f"{indent}    “{text if full_text or len(text) <= 160 else text[:157] + '…'}”")
    typer.echo("\nKEY TERMS")
    lines = contract_summary(analysis.terms)
    typer.echo("\n".join(f"- {line}" for line in lines) if lines else "- none found")
    if analysis.health:
        typer.echo("\nHEALTH CHECK")
        for item in analysis.health:
            mark = "ok " if item.present else "MISSING"
            where = f" ({', '.join(item.found_in[:3])})" if item.found_in else ""
            typer.echo(f"[{mark}] {item.title}{where}{': ' + item.note if item.note else ''}")
            if not item.present:
                typer.echo(f"      Why it matters: {item.why}")
                typer.echo(f"      Add: {item.suggestion}")
