"""`amicable evidence import|search|timeline` and `amicable verify`.

Commands act as the CLI user, load the case through the gate and write through the services, like
the web pages and the API.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from django.core.exceptions import ValidationError
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn
from rich.table import Table

from amicable.cli import console, err_console

evidence_app = typer.Typer(help="The evidence vault: import files, search, show the timeline.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _echo_json(payload: object) -> None:
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def _case(case_id: int, need: str = "room") -> tuple[Any, Any]:
    from amicable.cases.cli import cli_actor
    from amicable.cases.cli import cli_case as gated_case

    user = cli_actor()
    return user, gated_case(user, case_id, need=need)


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(f"{f}: {m}" if f != "__all__" else m for f, ms in exc.message_dict.items() for m in ms)
    return " ".join(exc.messages)


def _summary(batch: Any) -> dict[str, Any]:
    return {"id": batch.pk, "file": batch.source_name, "status": batch.status, "importer": batch.importer,
            "imported": batch.imported, "duplicates": batch.duplicates, "quarantined": batch.quarantined_count,
            "quarantined_pieces": batch.quarantined, "source_sha256": batch.source_blob_id, "error": batch.error}


@evidence_app.command("import")
def import_files(
    case_id: Annotated[int, typer.Argument(help="The case to add the evidence to.")],
    paths: Annotated[list[Path], typer.Argument(help="Files to import (mbox, eml, msg, chat exports, PDFs…).")],
    tz: Annotated[str, typer.Option("--tz", help="Time zone of naive times in chat exports, like Europe/Berlin.")]
    = "",
    as_json: JsonFlag = False,
) -> None:
    """Import files into a case's vault, with a progress bar (bytes and items). Safe to run again."""
    from .importing import evidence_import

    user, case = _case(case_id, need="edit")
    results, failed = [], False
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  TextColumn("{task.fields[items]} items"), TimeRemainingColumn(), console=err_console,
                  disable=as_json, transient=False) as progress:
        for path in paths:
            size = path.stat().st_size if path.is_file() else 0
            task = progress.add_task(escape(path.name), total=size or None, items=0)

            def update(batch: Any, task: Any = task) -> None:
                progress.update(task, completed=batch.bytes_done, items=batch.imported)

            try:
                batch = evidence_import(actor=user, case=case, path=path, tz=tz or None, on_progress=update)
            except ValidationError as exc:
                failed = True
                progress.update(task, description=f"[red]{escape(path.name)}: {escape(_errors(exc))}")
                results.append({"file": str(path), "status": "failed", "error": _errors(exc)})
                continue
            except Exception as exc:  # noqa: BLE001 - one file's failure is reported, the rest goes on
                failed = True
                progress.update(task, description=f"[red]{escape(path.name)}: {escape(str(exc))}")
                results.append({"file": str(path), "status": "failed", "error": f"{type(exc).__name__}: {exc}"})
                continue
            progress.update(task, completed=size, items=batch.imported)
            results.append(_summary(batch))
    if as_json:
        _echo_json(results)
    else:
        for r in results:
            if r["status"] == "failed":
                continue
            line = (f"{r['file']}: {r['imported']} imported, {r['duplicates']} duplicate(s) skipped, "
                    f"{r['quarantined']} quarantined (read as {r['importer']})")
            console.print(escape(line))
            for q in r["quarantined_pieces"][:20]:
                console.print(f"  [yellow]quarantined[/] {escape(q['locator'])}: {escape(q['reason'])}")
    if failed:
        raise typer.Exit(1)


def _row(item: Any) -> dict[str, Any]:
    return {"id": item.pk, "kind": item.kind, "occurred_at": item.occurred_at, "sort_at": item.sort_at,
            "author": item.author, "subject": item.subject, "title": item.title, "thread_key": item.thread_key,
            "source": item.source_name, "tags": sorted(t.tag for t in item.tags.all())}


@evidence_app.command("search")
def search(
    case_id: Annotated[int, typer.Argument(help="The case to search.")],
    query: Annotated[str, typer.Argument(help='Words (all must appear), "a phrase", or a prefix*.')],
    limit: Annotated[int, typer.Option("--limit", help="How many results (1-500).", min=1, max=500)] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Full-text search of a case's evidence, best matches first."""
    from .search import search_items
    from .selectors import viewer_for

    user, case = _case(case_id)
    viewer = viewer_for(case, user)
    hits = search_items(case_id=case.pk, query=query, visibility=viewer.visibilities, limit=limit)
    if as_json:
        _echo_json([{**_row(item), "snippet": snippet} for item, snippet in hits])
        return
    if not hits:
        console.print(f"Nothing found for “{escape(query)}”.")
        return
    for item, snippet in hits:
        text = escape(_unhtml(snippet)).replace("«", "[bold yellow]").replace("»", "[/]")
        console.print(f"[bold]#{item.pk}[/] {item.sort_at:%Y-%m-%d %H:%M} {item.kind} · {escape(item.title)}")
        console.print(f"    {text}")


def _unhtml(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<mark>", "«").replace("</mark>", "»"))


@evidence_app.command("timeline")
def timeline_cmd(
    case_id: Annotated[int, typer.Argument(help="The case whose timeline to show.")],
    kind: Annotated[list[str] | None, typer.Option("--kind", help="Only this kind (repeatable): email, chat_message, "
                                                   "file, note, call_note, invoice, time_entry, agreement.")] = None,
    tag: Annotated[str, typer.Option("--tag", help="Only items with this tag.")] = "",
    limit: Annotated[int, typer.Option("--limit", help="How many items (1-100000).", min=1, max=100_000)] = 200,
    as_json: JsonFlag = False,
) -> None:
    """The case's evidence in time order."""
    from .selectors import TimelineFilters, timeline, viewer_for

    user, case = _case(case_id)
    viewer = viewer_for(case, user)
    filters = TimelineFilters(kinds=list(kind or []), tag=tag.strip().lower())
    rows, cursor = [], ""
    while len(rows) < limit:
        page = timeline(case, viewer, filters, cursor=cursor, limit=min(500, limit - len(rows)))
        rows += [_row(i) for i in page.items]
        cursor = page.next_cursor
        if not cursor:
            break
    if as_json:
        _echo_json(rows)
        return
    table = Table("When", "Kind", "From", "What", "Tags", title=f"Timeline of case {case.pk}")
    for r in rows:
        table.add_row(f"{r['sort_at']:%Y-%m-%d %H:%M}", r["kind"], escape(r["author"][:40]), escape(r["title"][:80]),
                      ", ".join(r["tags"]))
    console.print(table)
    if cursor:
        console.print(f"[dim]More items follow: use --limit {limit * 2}.[/]")


def verify(
    as_json: JsonFlag = False,
    no_blobs: Annotated[bool, typer.Option("--no-blobs", help="Skip re-hashing the stored files (faster).")] = False,
    workers: Annotated[int, typer.Option("--workers", help="Threads hashing files (1-16).", min=1, max=16)] = 2,
) -> None:
    """Check that nothing in the vault was altered: every file, record, log entry and signed checkpoint.

    Exit status 0 only when everything holds; otherwise each problem is named.
    """
    from django.conf import settings

    from amicable.accounts.models import Membership
    from amicable.cases.cli import cli_actor

    from .verify import verify_all

    user = cli_actor()
    workspaces = None
    if not settings.LOCAL_MODE:
        workspaces = list(Membership.objects.filter(user=user, role=Membership.Role.OWNER)
                          .values_list("workspace_id", flat=True))
    report = verify_all(workspace_ids=workspaces, blobs=not no_blobs, workers=workers)
    if as_json:
        _echo_json(report.as_dict())
    elif report.ok:
        console.print(f"[green]✓ All holds:[/] {report.entries} log entries, {report.items} items, "
                      f"{report.checkpoints} signed checkpoints, {report.blobs} files "
                      f"({report.blob_bytes / 1e6:.1f} MB) checked in {report.seconds:.1f} s.")
    else:
        err_console.print(f"[bold red]✗ Verification failed:[/] {len(report.problems)} problem(s).")
        for p in report.problems:
            where = f" (workspace {p.workspace})" if p.workspace else ""
            err_console.print(f"  [bold]{escape(p.ref)}[/]{where}: {escape(p.message)}")
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(evidence_app, name="evidence")
    app.command("verify")(verify)
