"""Run an importer in a separate process and stream its results back (no Django import here).

Parsing (Python's email package, chat exports…) is CPU work; the database writes are too. On two
cores, parsing in a child process while the parent writes roughly halves an import's wall time. The
pipe gives back-pressure: the child blocks when the parent falls behind, so memory stays bounded.
If the parent dies, the child's next send fails and it exits.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from zoneinfo import ZoneInfo

from .importers.base import Importer, ImportResult
from .importers.registry import get_importer

SEND_EVERY = 64


def _worker(importer_name: str, path: str, tz_key: str, tmpdir: str, conn: Connection) -> None:
    try:
        importer = get_importer(importer_name)
        buffer: list[ImportResult] = []
        zone = ZoneInfo(tz_key) if tz_key else None
        for result in importer.iter_items(Path(path), tz=zone, tmpdir=Path(tmpdir)):
            buffer.append(result)
            if len(buffer) >= SEND_EVERY:
                conn.send(("items", buffer, importer.bytes_done))
                buffer = []
        conn.send(("items", buffer, importer.bytes_done))
        conn.send(("end", [], importer.bytes_done))
    except (BrokenPipeError, EOFError):  # the parent is gone: nothing left to do
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        try:
            conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}", 0))
        except (BrokenPipeError, EOFError):
            return
    finally:
        conn.close()


class ParseError(RuntimeError):
    """The importer failed in the child process (the message carries its traceback)."""


def iter_in_process(importer: Importer, path: Path, *, tz: ZoneInfo | None, tmpdir: Path
                    ) -> Iterator[tuple[ImportResult, int]]:
    """Yield (result, source bytes consumed) from ``importer`` run in a child process."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(importer.name, str(path), tz.key if tz else "", str(tmpdir), child),
                       daemon=True, name=f"amicable-parse-{importer.name}")
    proc.start()
    child.close()
    try:
        while True:
            try:
                kind, payload, done = parent.recv()
            except EOFError:
                raise ParseError("the parser process stopped without finishing") from None
            if kind == "error":
                raise ParseError(str(payload))
            for result in payload:
                yield result, done
            if kind == "end":
                return
    finally:
        parent.close()
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()


def iter_here(importer: Importer, path: Path, *, tz: ZoneInfo | None, tmpdir: Path
              ) -> Iterator[tuple[ImportResult, int]]:
    """Yield (result, source bytes consumed) from ``importer`` run in this process."""
    for result in importer.iter_items(path, tz=tz, tmpdir=tmpdir):
        yield result, importer.bytes_done
