from amicable.evidence.leaves import field_hash, leaf_differences
from amicable.lib.canonical import canonical_json


def test_it_hashes_strings_like_canonical_json():
    import hashlib

    for value in ["", "plain", 'quote " and \\ back', "Zoë €\n\t", "\u2028"]:
        assert field_hash(value) == hashlib.sha256(canonical_json(value)).hexdigest()


def test_it_names_the_fields_that_differ():
    stored = {"kind": "email", "content": {"body": "a", "subject": "b"}, "attachments": [{"sha256": "x"}]}
    fresh = {"kind": "email", "content": {"body": "z", "subject": "b"}, "attachments": [{"sha256": "y"}]}
    assert leaf_differences(stored, fresh) == ["attachments[0].sha256", "content.body"]
    assert leaf_differences(stored, fresh, ignore=["content.body"]) == ["attachments[0].sha256"]


def test_it_builds_every_leaf_from_plain_json_values():
    import datetime as dt

    from amicable.evidence import leaves
    from amicable.lib.canonical import canonical_json_native

    at = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    values = {"case": 1, "item": 2, "kind": "email", "occurred_at": at, "original_tz": "+01:00",
              "original_time_text": "Mon", "author": "A", "participants": ["B"], "subject": "S", "body": "B",
              "thread_key": "t", "meta": {"x": [1, "y"]}, "external_id": "e", "source_name": "m.mbox",
              "importer": "mbox", "importer_version": "1", "batch": 3, "locator": "message 1",
              "visibility": "private", "added_by": 4, "added_by_role": "owner", "added_at": at,
              "corrects": None, "corrects_entry": None, "correction_reason": ""}
    built = [
        leaves.item_leaf(values, [{"sha256": "ab", "size": 1, "filename": "f", "content_type": "text/plain"}]),
        leaves.source_leaf(case=1, batch=2, name="n", sha256="ab", size=3, importer="mbox", version="1", at=at),
        leaves.tag_leaf(case=1, item=2, tag="agreement", op="add", by=None, at=at),
        leaves.visibility_leaf(case=1, item=2, visibility="shared", by=1, at=at),
        leaves.redaction_leaf(case=1, item=2, entry=0, fields=["body"], reason="r", by=1, at=at),
    ]
    for leaf in built:
        assert canonical_json_native(leaf) == canonical_json(leaf)
    assert built[0]["occurred_at"] == "2026-03-02T09:00:00Z"
