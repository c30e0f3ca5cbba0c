"""Run an importer in a separate process and stream its results back (no Django import here).

Parsing (Python's email package, chat exports…) is CPU work; the database writes are too. On two
cores, parsing in a child process while the parent writes roughly halves an import's wall time. The
pipe gives back-pressure: the child blocks when the parent falls behind, so memory stays bounded.
If the parent dies, the child's next write fails and it exits. The child is a plain
``python -m amicable.evidence.parsework`` process (not multiprocessing), so it works whatever the
parent's main module is.
"""

from __future__ import annotations

import pickle
import queue
import resource
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from .importers.base import Importer, ImportResult, Quarantined
from .importers.registry import get_importer, run_importer
from .prepare import Prepared, prepare

SEND_EVERY = 64
AHEAD = 24  # messages of SEND_EVERY results the parser may run ahead of the writer
_HEADER = struct.Struct("!I")
LAST_CHILD: dict[str, int] = {}  # figures from the last parser process (its peak RSS), for benchmarks


def _send(out: IO[bytes], message: tuple[str, Any, int]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)))
    out.write(data)
    out.flush()


def _receive(stream: IO[bytes]) -> tuple[str, Any, int] | None:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    message: tuple[str, Any, int] = pickle.loads(data)  # noqa: S301 - our own child process
    return message


def _peak_rss_kb() -> int:
    """Return this process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _prepared(result: ImportResult) -> Prepared | Quarantined:
    """Clean an item and hash its content here, off the writer's process (a failure quarantines it)."""
    if isinstance(result, Quarantined):
        return result
    try:
        return prepare(result)
    except (ValueError, TypeError) as exc:
        return Quarantined(result.locator or "item", f"could not be prepared: {type(exc).__name__}: {exc}")


def worker(importer_name: str, path: str, tz_key: str, tmpdir: str, out: IO[bytes]) -> None:
    """Run one importer over ``path`` and write its results to ``out`` in framed pickles."""
    try:
        importer = get_importer(importer_name)
        buffer: list[ImportResult] = []
        zone = ZoneInfo(tz_key) if tz_key else None
        for result in run_importer(importer, Path(path), tz=zone, tmpdir=Path(tmpdir)):
            buffer.append(_prepared(result))
            if len(buffer) >= SEND_EVERY:
                _send(out, ("items", buffer, importer.bytes_done))
                buffer = []
        _send(out, ("items", buffer, importer.bytes_done))
        _send(out, ("end", {"peak_rss_kb": _peak_rss_kb(), "cpu_s": time.process_time()}, importer.bytes_done))
    except BrokenPipeError:  # the parent is gone: nothing left to do
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        try:
            _send(out, ("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}", 0))
        except BrokenPipeError:
            return


class ParseError(RuntimeError):
    """The importer failed in the child process (the message carries its traceback)."""


def _drain(stream: IO[bytes], inbox: queue.Queue[tuple[str, Any, int] | None], stop: threading.Event) -> None:
    """Read the child's messages as fast as they come (the pipe alone holds only 64 KiB, which would
    make parser and writer take turns instead of working at the same time)."""
    while not stop.is_set():
        try:
            message = _receive(stream)
        except (OSError, ValueError, pickle.UnpicklingError):
            message = None
        while not stop.is_set():
            try:
                inbox.put(message, timeout=0.2)
                break
            except queue.Full:
                continue
        if message is None or message[0] in ("end", "error"):
            return


def iter_in_process(importer: Importer, path: Path, *, tz: ZoneInfo | None, tmpdir: Path
                    ) -> Iterator[tuple[Prepared | Quarantined, int]]:
    """Yield (prepared item or quarantined piece, source bytes consumed) from ``importer`` in a child process."""
    args = [sys.executable, "-m", "amicable.evidence.parsework", importer.name, str(path), tz.key if tz else "",
            str(tmpdir)]
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, bufsize=1 << 20)
    assert proc.stdout is not None
    inbox: queue.Queue[tuple[str, Any, int] | None] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    LAST_CHILD.clear()
    reader = threading.Thread(target=_drain, args=(proc.stdout, inbox, stop), daemon=True,
                              name="amicable-parse-reader")
    reader.start()
    try:
        while True:
            started = time.perf_counter()
            message = inbox.get()
            LAST_CHILD["waited_ms"] = LAST_CHILD.get("waited_ms", 0) + int((time.perf_counter() - started) * 1000)
            if message is None:
                raise ParseError(f"the parser process stopped without finishing (exit status {proc.poll()})")
            kind, payload, done = message
            if kind == "error":
                raise ParseError(str(payload))
            if kind == "end":
                LAST_CHILD["peak_rss_kb"] = int(payload.get("peak_rss_kb", 0))
                LAST_CHILD["cpu_ms"] = int(payload.get("cpu_s", 0) * 1000)
                return
            for result in payload:
                yield result, done
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join(timeout=5)
        proc.stdout.close()


def iter_here(importer: Importer, path: Path, *, tz: ZoneInfo | None, tmpdir: Path
              ) -> Iterator[tuple[Prepared | Quarantined, int]]:
    """Yield (prepared item or quarantined piece, source bytes consumed) from ``importer`` in this process."""
    for result in run_importer(importer, path, tz=tz, tmpdir=tmpdir):
        yield _prepared(result), importer.bytes_done


if __name__ == "__main__":
    worker(*sys.argv[1:5], out=sys.stdout.buffer)
