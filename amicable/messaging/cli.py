"""`amicable tone check`: the tone coach on the command line. Needs no database.

    amicable tone check draft.txt            # readable report, phrases highlighted
    amicable tone check - --json < draft.txt  # JSON: score, verdict, findings
    amicable tone check --batch in.jsonl --out out.jsonl   # one {"id", "text"} per line in and out
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from amicable.messaging.tone import LABELS, NEGATIVE, ToneReport, check

tone_app = typer.Typer(help="The tone coach: check a draft before you send it.", no_args_is_help=True)

_VERDICT_STYLE = {"send": "bold green", "revise": "bold yellow", "wait": "bold red"}
_VERDICT_TEXT = {
    "send": "Ready to send.",
    "revise": "Worth revising before you send it.",
    "wait": "Heated: wait before sending, then revise.",
}


def register(app: typer.Typer) -> None:
    """Add the `tone` commands to the `amicable` CLI."""
    app.add_typer(tone_app, name="tone")


def report_json(report: ToneReport) -> dict[str, Any]:
    """The JSON shape of a report on the CLI and in the API."""
    return {
        "score": report.score,
        "verdict": report.verdict,
        "language": report.language,
        "notes": report.notes,
        "findings": [
            {
                "start": f.start,
                "end": f.end,
                "category": f.category,
                "polarity": f.polarity,
                "text": f.text,
                "message": f.message,
                "suggestion": f.suggestion,
                "replaceable": f.replaceable,
            }
            for f in report.findings
        ],
    }


@tone_app.command("check")
def check_command(
    file: Annotated[str, typer.Argument(help="A text file to check, or - for standard input.")] = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    batch: Annotated[Path | None, typer.Option(
        "--batch", help='A JSONL file with one {"id": ..., "text": ...} per line; one result per line out.')] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="With --batch: write the results here, not to stdout.")] = None,
    allow_legal: Annotated[bool, typer.Option(
        "--allow-legal", help="A formal step is due: do not flag a plain statement of legal next steps.")] = False,
) -> None:
    """Check the tone of a draft: score 0-100, verdict send/revise/wait, each finding with a calmer phrasing."""
    from amicable.cli import fail

    if batch is not None:
        if not batch.is_file():
            fail(f"Batch file not found: {batch}")
        try:
            sink = out.open("w", encoding="utf-8") if out else sys.stdout
        except OSError as exc:
            fail(f"Cannot write {out}: {exc.strerror}")
        try:
            counts = run_batch(batch, sink, allow_legal=allow_legal)
        finally:
            if out:
                sink.close()
        Console(stderr=True).print(f"{counts[0]} checked, {counts[1]} with errors.")
        return
    text = _read(file, fail)
    report = check(text, allow_legal=allow_legal)
    if as_json:
        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print_report(Console(), text, report)


def _read(file: str, fail: Any) -> str:
    if file == "-":
        return sys.stdin.read()
    path = Path(file)
    if not path.is_file():
        fail(f"File not found: {file}")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{file} is not UTF-8 text.")
    except OSError as exc:
        fail(f"Cannot read {file}: {exc.strerror}")
    return ""  # pragma: no cover - fail() exits


def run_batch(path: Path, sink: TextIO, *, allow_legal: bool = False) -> tuple[int, int]:
    """Check every line of a JSONL file; write one result per line. Returns (lines, errors).

    A bad line (not JSON, not an object, no text) gives an error result with its id (when there is
    one) and its line number, and the batch goes on.
    """
    lines = errors = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            lines += 1
            result = _batch_line(line, number, allow_legal)
            if "error" in result:
                errors += 1
            sink.write(json.dumps(result, ensure_ascii=False) + "\n")
    return lines, errors


def _batch_line(line: str, number: int, allow_legal: bool) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"not valid JSON ({exc.msg} at column {exc.colno})"}
    if not isinstance(item, dict):
        return {"id": None, "line": number, "error": 'each line must be a JSON object {"id": ..., "text": ...}'}
    ident = item.get("id")
    text = item.get("text")
    if not isinstance(text, str):
        return {"id": ident, "line": number, "error": '"text" is missing or not a string'}
    return {"id": ident, **report_json(check(text, allow_legal=allow_legal))}


def print_report(console: Console, text: str, report: ToneReport) -> None:
    """The readable report: verdict, the draft with each finding highlighted, and the suggestions."""
    style = _VERDICT_STYLE[report.verdict]
    console.print(Text.assemble((f"{report.verdict.upper()} ", style), (f"{report.score}/100  ", "bold"),
                                _VERDICT_TEXT[report.verdict]))
    for note in report.notes:
        console.print(Text(note, style="dim"))
    if not report.findings:
        return
    shown = Text(text)
    for f in report.findings:
        shown.stylize("bold red underline" if f.category in NEGATIVE else "green", f.start, f.end)
    console.print()
    console.print(shown)
    negatives = report.negatives
    if negatives:
        table = Table(title="Calmer wording", show_lines=False, expand=False)
        table.add_column("What", style="red")
        table.add_column("Phrase")
        table.add_column("Why")
        table.add_column("Try instead", style="green")
        for f in negatives:
            if f.replaceable:
                table.add_row(LABELS[f.category], f.text, f.message, f.suggestion or "(remove it)")
            else:
                table.add_row(LABELS[f.category], f.text, f.message, f"(advice) {f.suggestion}")
        console.print(table)
    positives = report.positives
    if positives:
        kinds = sorted({LABELS[f.category] for f in positives})
        console.print(Text("Good signals: " + ", ".join(kinds), style="green"))
