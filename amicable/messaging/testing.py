"""Factories for the generated stranger→404 tests: objects in the test case (t.case)."""

from __future__ import annotations


def _concern_id(t) -> int:  # type: ignore[no-untyped-def]
    from .services import concern_add

    concern = t.case.concerns.first() or concern_add(actor=t.owner, case=t.case, quote="The layout is wrong.")
    return concern.pk


def _draft_id(t) -> int:  # type: ignore[no-untyped-def]
    from .services import draft_create

    draft = t.case.drafts.first() or draft_create(actor=t.owner, case=t.case, kind="free", subject="Hello",
                                                  body="Hello, thanks for your message.")
    return draft.pk


def _message_id(t) -> int:  # type: ignore[no-untyped-def]
    from .services import draft_create, draft_record_sent

    message = t.case.messages.first()
    if message is None:
        draft = draft_create(actor=t.owner, case=t.case, kind="free", subject="Sent", body="Thanks, noted.")
        message = draft_record_sent(actor=t.owner, draft=draft)
    return message.pk


URL_KWARGS = {
    "concern_id": _concern_id,
    "draft_id": _draft_id,
    "message_id": _message_id,
    "question_id": lambda t: "np.received",
}
