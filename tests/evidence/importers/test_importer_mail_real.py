"""Email importer on the real kernel-list messages in ../shared/data/email (skipped without them)."""

import email
from pathlib import Path

import pytest

from amicable.evidence.importers import mail
from amicable.evidence.importers.mail import MboxImporter, parse_message

MAILDIR = (
    Path(__file__).resolve().parents[3].parent / "shared" / "data" / "email" / "lkml" / "maildir" / "cur"
)

pytestmark = pytest.mark.skipif(
    not MAILDIR.is_dir(), reason=f"real email corpus not present at {MAILDIR} (shared data folder absent)"
)


def _messages():
    return [p.read_bytes() for p in sorted(MAILDIR.iterdir()) if p.is_file()]


def test_it_imports_every_real_message_from_an_mbox(run, tmp_path):
    messages = _messages()
    path = tmp_path / "lkml.mbox"
    with path.open("wb") as fh:
        for raw in messages:
            fh.write(b"From lkml@example Mon Jan  1 00:00:00 2024\n")
            fh.write(mail.re.sub(rb"(?m)^(>*From )", rb">\1", raw).rstrip(b"\n") + b"\n\n")
    items, quarantined, _ = run(MboxImporter(), path)
    assert quarantined == []
    assert len(items) == len(messages) == 210
    assert all(i.occurred_at is not None and i.author and i.external_id for i in items)
    # The corpus holds some messages twice (same Message-ID): those share an id, so the vault keeps one.
    ids_in_source = {mail.re.search(rb"(?im)^message-id:\s*<([^>]+)>", raw)[1].decode() for raw in messages}
    assert {i.external_id for i in items} == ids_in_source
    threads = {i.thread_key for i in items}
    assert len(threads) < len(items) / 2  # long threads are grouped


def test_it_parses_real_messages_exactly_like_the_stdlib_parser(monkeypatch):
    for raw in _messages():
        fast = parse_message(raw, locator="m")
        with monkeypatch.context() as patch:
            patch.setattr(
                mail.mime,
                "message_from_bytes",
                lambda data, policy: email.message_from_bytes(data, policy=policy),
            )
            slow = parse_message(raw, locator="m")
        fast.meta.pop("defects", None)
        slow.meta.pop("defects", None)
        assert fast == slow
