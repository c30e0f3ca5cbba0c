"""Generate a realistic mailbox for the evidence benchmarks (an mbox and the same messages as a maildir).

Headers and bodies come from the real LKML/notmuch messages in ../shared/data/email/lkml/maildir when
that folder is present (read at run time, never copied into the repo); otherwise synthetic ones are
used. Every generated message gets its own Message-ID, a date spread over two years, and threading
headers (In-Reply-To/References) inside threads of 2-20 messages. About 3% carry a base64 attachment of
10-150 KB. Some messages contain the search terms used by bench/search.py at known rates.
"""

from __future__ import annotations

import base64
import email
import email.policy
import os
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

DATA = Path(
    os.environ.get("AMICABLE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
) / "email" / "lkml" / "maildir"

# term -> fraction of messages whose body contains it (bench/search.py queries these)
TERMS = {"invoice": 0.02, "refund": 0.005, "milestone": 0.05, "kumquat": 0.0002}
_DROP = re.compile(r"^(message-id|in-reply-to|references|date)$", re.I)


@dataclass
class Template:
    headers: list[tuple[str, str]]
    body: str


def _load_templates(limit: int = 400) -> list[Template]:
    templates: list[Template] = []
    if DATA.exists():
        for path in sorted(DATA.rglob("*"))[:limit]:
            if not path.is_file():
                continue
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.compat32)
            part = msg
            if msg.is_multipart():
                texts = [p for p in msg.walk() if p.get_content_type() == "text/plain"]
                if not texts:
                    continue
                part = texts[0]
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            body = payload.decode("utf-8", "replace")
            keep = [
                (k, str(v))
                for k, v in msg.items()
                if not _DROP.match(k) and k.lower() not in ("content-type", "content-transfer-encoding")
            ]
            templates.append(Template(keep, body))
    if not templates:
        words = ["the", "patch", "fixes", "a", "race", "in", "the", "driver", "when", "the", "device", "is",
                 "removed", "during", "probe"]
        rng = random.Random(1)
        for i in range(50):
            body = "\n".join(" ".join(rng.choices(words, k=12)) for _ in range(rng.randint(5, 120)))
            templates.append(
                Template(
                    [("From", f"Dev {i} <dev{i}@example.org>"), ("To", "list@example.org"),
                     ("Subject", f"[PATCH {i}] driver: fix race"), ("MIME-Version", "1.0")],
                    body,
                )
            )
    return templates


def generate(n: int, mbox: Path, maildir: Path | None = None, seed: int = 7) -> dict[str, int]:
    """Write ``n`` messages to ``mbox`` (and one file each under ``maildir/cur``); return counts."""
    rng = random.Random(seed)
    templates = _load_templates()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    counts = {t: 0 for t in TERMS}
    counts["attachments"] = 0
    if maildir is not None:
        for sub in ("cur", "new", "tmp"):
            (maildir / sub).mkdir(parents=True, exist_ok=True)
    thread: list[str] = []
    thread_left = 0
    total_bytes = 0
    with mbox.open("wb") as out:
        for i in range(n):
            t = templates[rng.randrange(len(templates))]
            mid = f"<bench.{i}.{rng.getrandbits(40):x}@amicable.test>"
            if thread_left <= 0:
                thread, thread_left = [], rng.randint(2, 20)
            when = start + timedelta(seconds=i * 630 + rng.randint(0, 600))
            head = [f"{k}: {v}" for k, v in t.headers]
            head += [f"Message-ID: {mid}", f"Date: {format_datetime(when)}"]
            if thread:
                head += [f"In-Reply-To: {thread[-1]}", "References: " + " ".join(thread[-8:])]
            thread.append(mid)
            thread_left -= 1
            body = t.body
            for term, rate in TERMS.items():
                if rng.random() < rate:
                    body = f"About the {term}: please see below.\n\n" + body
                    counts[term] += 1
            if rng.random() < 0.03:
                counts["attachments"] += 1
                blob = rng.randbytes(rng.randint(10_000, 150_000))
                b64 = base64.encodebytes(blob).decode()
                boundary = f"b{i:08d}"
                head += ["MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{boundary}"']
                text = (
                    f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
                    f"--{boundary}\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
                    f'Content-Disposition: attachment; filename="report-{i}.pdf"\n\n{b64}--{boundary}--\n'
                )
            else:
                head += ["Content-Type: text/plain; charset=utf-8"]
                text = body
            raw = ("\n".join(head) + "\n\n" + text).encode("utf-8", "replace")
            if not raw.endswith(b"\n"):
                raw += b"\n"
            quoted = re.sub(rb"(?m)^(>*From )", rb">\1", raw)
            envelope = f"From bench@amicable.test {when.strftime('%a %b %d %H:%M:%S %Y')}\n".encode()
            out.write(envelope + quoted + b"\n")
            total_bytes += len(raw)
            if maildir is not None:
                (maildir / "cur" / f"{1700000000 + i}.{i}.bench:2,S").write_bytes(raw)
    counts["messages"] = n
    counts["bytes"] = total_bytes
    return counts
