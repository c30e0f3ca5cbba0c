"""Fast SHA-256 of files and streams (pure; no Django).

hashlib releases the GIL while it hashes buffers larger than 2 KiB, so hashing big chunks in a few
threads uses several cores; reading into one reused buffer (``readinto``) avoids a copy per chunk.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, TypeVar

CHUNK = 1 << 20  # 1 MiB: large enough that per-call overhead vanishes, small enough for the cache

K = TypeVar("K")


def sha256_stream(stream: IO[bytes], chunk: int = CHUNK) -> tuple[str, int]:
    """Return (hex SHA-256, size in bytes) of everything left in ``stream``."""
    digest = hashlib.sha256()
    buf = bytearray(chunk)
    view = memoryview(buf)
    size = 0
    readinto = getattr(stream, "readinto", None)
    if readinto is None:
        for block in iter(lambda: stream.read(chunk), b""):
            digest.update(block)
            size += len(block)
        return digest.hexdigest(), size
    while True:
        n = readinto(view)
        if not n:
            break
        digest.update(view[:n])
        size += n
    return digest.hexdigest(), size


def sha256_file(path: str, chunk: int = CHUNK) -> tuple[str, int]:
    """Return (hex SHA-256, size) of the file at ``path``, read unbuffered in big chunks."""
    with open(path, "rb", buffering=0) as fh:
        return sha256_stream(fh, chunk)


def hash_many(
    jobs: Iterable[tuple[K, Callable[[], IO[bytes]]]], *, workers: int = 2
) -> Iterator[tuple[K, str | None, int, str]]:
    """Hash many streams in ``workers`` threads; yield (key, hex or None, size, error) as they finish.

    ``jobs`` pairs a key with a function that opens the stream. An error opening or reading a stream
    is reported (hex None, error text) rather than raised, so one missing file does not stop the run.
    Results come back in input order.
    """

    def run(opener: Callable[[], IO[bytes]]) -> tuple[str | None, int, str]:
        try:
            with opener() as fh:
                hexdigest, size = sha256_stream(fh)
            return hexdigest, size, ""
        except OSError as exc:
            return None, 0, f"{type(exc).__name__}: {exc}"

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        window: deque[tuple[K, Future[tuple[str | None, int, str]]]] = deque()
        for key, opener in jobs:
            window.append((key, pool.submit(run, opener)))
            if len(window) >= workers * 4:
                k, fut = window.popleft()
                yield (k, *fut.result())
        for k, fut in window:
            yield (k, *fut.result())
