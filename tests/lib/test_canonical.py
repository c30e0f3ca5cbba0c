import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from amicable.lib.canonical import CanonicalError, canonical_json, canonical_text


def test_it_sorts_keys_and_drops_whitespace():
    assert canonical_json({"b": 1, "a": [True, None, "x"]}) == b'{"a":[true,null,"x"],"b":1}'


def test_it_writes_utf8_without_escapes():
    assert canonical_json({"name": "Zoë €"}) == '{"name":"Zoë €"}'.encode()


def test_it_writes_decimals_as_plain_strings():
    assert canonical_text([Decimal("1.50"), Decimal("1E+3"), Decimal("-0.00"), Decimal("0.000001")]) == (
        '["1.50","1000","0","0.000001"]'
    )


def test_it_writes_aware_datetimes_in_utc():
    paris = dt.datetime(2026, 3, 1, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert canonical_text(paris) == '"2026-03-01T09:30:00Z"'
    assert canonical_text(paris.replace(microsecond=5)) == '"2026-03-01T09:30:00.000005Z"'
    assert canonical_text(dt.date(2026, 1, 2)) == '"2026-01-02"'


def test_it_writes_uuids_and_tuples():
    u = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert canonical_text({"id": u, "t": (1, 2)}) == '{"id":"12345678-1234-5678-1234-567812345678","t":[1,2]}'


def test_it_is_stable_whatever_the_insertion_order():
    a = {"x": {"k": 1, "j": 2}, "y": "z"}
    b = {"y": "z", "x": {"j": 2, "k": 1}}
    assert canonical_json(a) == canonical_json(b)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"a": 1.5}, r"\$\.a: floats are not allowed"),
        ({"a": [b"x"]}, r"\$\.a\[0\]: bytes has no canonical"),
        ({1: "x"}, "object key 1 is not a string"),
        (dt.datetime(2026, 1, 1), "naive datetime"),  # noqa: DTZ001
        (Decimal("NaN"), "not a finite decimal"),
        ({"s": {1, 2}}, "set has no canonical"),
        ("\udc80", "not valid Unicode"),
    ],
)
def test_it_refuses_values_without_a_canonical_form(value, message):
    with pytest.raises(CanonicalError, match=message):
        canonical_json(value)


def test_it_gives_the_same_bytes_on_the_fast_path_for_plain_values():
    from amicable.lib.canonical import canonical_json_native, datetime_text

    value = {"b": [1, "x", None, True, {"z": "é", "a": []}], "a": "\u2028 quote \" back \\"}
    assert canonical_json_native(value) == canonical_json(value)
    moment = dt.datetime(2026, 3, 1, 10, 30, 0, 5, tzinfo=ZoneInfo("Europe/Paris"))
    assert datetime_text(moment) == canonical_text(moment).strip('"')
    with pytest.raises(CanonicalError, match="naive"):
        datetime_text(dt.datetime(2026, 1, 1))  # noqa: DTZ001
