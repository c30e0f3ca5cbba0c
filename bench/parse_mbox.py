"""Parsing speed of the mbox importer alone (no database): messages/s on a generated mbox.

Usage: uv run python bench/parse_mbox.py [--messages 20000] [--compare-default]

Generates an mbox of realistic messages (plain, HTML alternatives, RFC 2047 subjects, replies with
References, ~5% with a small attachment, some forwarded messages) under a temp dir, then times
``MboxImporter.iter_items`` over it. With --compare-default it also times a plain stdlib parse with
``email.policy.default`` (what the importer deliberately does not use) for the same file.
The vault's end-to-end target is 3,000 messages/s (issue 3), so parsing must be well above it.
"""

from __future__ import annotations

import argparse
import base64
import email
import email.policy
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amicable.evidence.importers.mail import MboxImporter, iter_mbox  # noqa: E402

TARGET = 3000.0
WORDS = [
    "invoice",
    "scope",
    "change",
    "deadline",
    "delivery",
    "payment",
    "milestone",
    "revision",
    "approve",
    "design",
    "draft",
    "final",
    "contract",
    "agreed",
    "extra",
    "hours",
    "budget",
    "client",
    "review",
    "feedback",
    "logo",
    "website",
    "launch",
    "please",
    "thanks",
    "regards",
    "friday",
    "monday",
    "meeting",
    "call",
    "update",
    "attached",
    "version",
    "kind",
    "looking",
    "forward",
]
NAMES = ["Ana Souza", "Ben Okafor", "Chloé Martin", "Dmitri Ivanov", "Emma Müller", "Farid Haddad"]


def _para(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _address(name: str) -> str:
    return name.split()[0].lower().replace("é", "e").replace("ü", "u") + "@example.com"


def _message(rng: random.Random, n: int) -> bytes:
    sender, rcpt = rng.sample(NAMES, 2)
    subject = f"Project {n // 20}: {_para(rng, 4)}"
    if rng.random() < 0.2:
        subject = "=?UTF-8?B?" + base64.b64encode(("Überarbeitung – " + subject).encode()).decode() + "?="
    headers = [
        f"Return-Path: <{_address(sender)}>",
        f"Received: from mail{n % 7}.example.com (mail.example.com [192.0.2.{n % 250}]) by mx.example.net "
        f"with ESMTPS id {n:08x}; Tue, 5 Mar 2024 10:{n % 60:02d}:00 +0100",
        f"From: {sender} <{_address(sender)}>",
        f"To: {rcpt} <{_address(rcpt)}>",
        f"Subject: {'Re: ' if n % 20 else ''}{subject}",
        f"Date: Tue, {1 + n % 28} Mar 2024 {n % 24:02d}:{n % 60:02d}:00 +0100",
        f"Message-ID: <{n}.bench@example.com>",
        "MIME-Version: 1.0",
    ]
    if n % 20:
        root = n - n % 20
        headers += [f"In-Reply-To: <{n - 1}.bench@example.com>", f"References: <{root}.bench@example.com>"]
    text = "\n\n".join(_para(rng, rng.randint(20, 80)) for _ in range(rng.randint(2, 6)))
    text += "\n\n>From the last call: we agreed.\n"
    roll = rng.random()
    if roll < 0.6:
        headers.append("Content-Type: text/plain; charset=utf-8")
        return ("\n".join(headers) + "\n\n" + text + "\n").encode()
    boundary = f"b{n}"
    headers.append(
        f'Content-Type: multipart/{"alternative" if roll < 0.95 else "mixed"}; boundary="{boundary}"'
    )
    parts = [f"Content-Type: text/plain; charset=utf-8\n\n{text}"]
    if roll < 0.95:
        html = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        parts.append(f"Content-Type: text/html; charset=utf-8\n\n<html><body>{html}</body></html>")
    else:
        blob = base64.encodebytes(rng.randbytes(rng.randint(2000, 20000))).decode()
        parts.append(
            'Content-Type: application/pdf; name="quote.pdf"\nContent-Transfer-Encoding: base64\n'
            f'Content-Disposition: attachment; filename="quote.pdf"\n\n{blob}'
        )
    body = "".join(f"--{boundary}\n{p}\n" for p in parts) + f"--{boundary}--\n"
    return ("\n".join(headers) + "\n\n" + body).encode()


def generate(path: Path, count: int, seed: int = 7) -> None:
    """Writes an mbox of ``count`` generated messages to ``path``."""
    rng = random.Random(seed)
    with path.open("wb") as fh:
        for n in range(count):
            fh.write(b"From sender@example.com Tue Mar  5 10:00:00 2024\n")
            msg = _message(rng, n).replace(b"\nFrom ", b"\n>From ")
            fh.write(msg)
            fh.write(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--compare-default", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        mbox = Path(tmp) / "bench.mbox"
        generate(mbox, args.messages)
        size_mb = mbox.stat().st_size / 1e6
        start = time.perf_counter()
        cpu_start = time.process_time()
        items = quarantined = 0
        for result in MboxImporter().iter_items(mbox, tz=None, tmpdir=Path(tmp)):
            if hasattr(result, "kind"):
                items += 1
            else:
                quarantined += 1
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        rate = items / elapsed
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"mbox: {args.messages} messages, {size_mb:.1f} MB")
        print(
            f"importer (compat32 + selective decoding): {items} items, {quarantined} quarantined, "
            f"{elapsed:.2f} s, {rate:,.0f} messages/s, {size_mb / elapsed:.1f} MB/s"
        )
        print(
            f"CPU time {cpu:.2f} s: {items / cpu:,.0f} messages per CPU second (steadier on a busy machine)"
        )
        print(f"ratio to the 3,000 messages/s end-to-end target: {rate / TARGET:.1f}x")
        print(f"peak RSS: {peak_mb:.0f} MB")
        if args.compare_default:
            start = time.perf_counter()
            with mbox.open("rb") as fh:
                for _, _, raw, _ in iter_mbox(fh):
                    if raw is None:
                        continue
                    msg = email.message_from_bytes(raw, policy=email.policy.default)
                    _ = msg["Subject"], msg["From"], msg["To"], msg["Date"], msg["Message-ID"]
                    body = msg.get_body(("plain", "html"))
                    _ = body.get_content() if body is not None else ""
                    for att in msg.iter_attachments():
                        _ = att.get_content()
            elapsed_default = time.perf_counter() - start
            print(
                f"stdlib policy.default (headers, body, attachments only): {elapsed_default:.2f} s, "
                f"{args.messages / elapsed_default:,.0f} messages/s "
                f"({elapsed_default / elapsed:.1f}x slower than the importer)"
            )


if __name__ == "__main__":
    main()
