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
