"""Canonical JSON: one byte string per value, so that a hash of it means the same thing everywhere.

Rules (a strict subset of JSON, close in spirit to RFC 8785 without floats):

* objects with string keys, sorted by code point; no insignificant whitespace; UTF-8 output with
  non-ASCII characters written as themselves (not ``\\u`` escapes);
* integers, strings, booleans, null, lists (tuples become lists);
* ``Decimal`` is written as a *string* in its plain (non-exponent) form, ``-0`` normalised to ``0``;
* aware ``datetime`` is written as an ISO 8601 string in UTC with a ``Z`` suffix and microseconds
  only when present; naive datetimes are refused; ``date`` as ``YYYY-MM-DD``; ``UUID`` as its string;
* floats, NaN, bytes, sets and anything else are refused with ``CanonicalError``: money and hashes
  must not pass through floats, and bytes must be hex-encoded by the caller on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any


class CanonicalError(TypeError):
    """Raised when a value has no canonical JSON form; the message names the path to it."""


def _decimal_text(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite decimal")
    if value.is_zero():
        return "0"
    text = format(value, "f")
    return text


def datetime_text(value: dt.datetime) -> str:
    """Return the canonical text of an aware datetime (UTC, ``Z``); raise CanonicalError if naive."""
    try:
        return _datetime_text(value)
    except ValueError as exc:
        raise CanonicalError(f"$: {exc}") from None


def _datetime_text(value: dt.datetime) -> str:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime (no time zone)")
    utc = value.astimezone(dt.UTC)
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if utc.microsecond else "%Y-%m-%dT%H:%M:%SZ"
    return utc.strftime(fmt)


def normalise(value: Any, path: str = "$") -> Any:
    """Return ``value`` converted to plain JSON types, or raise CanonicalError naming the bad path."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal):
        try:
            return _decimal_text(value)
        except ValueError as exc:
            raise CanonicalError(f"{path}: {exc}") from None
    if isinstance(value, dt.datetime):
        try:
            return _datetime_text(value)
        except ValueError as exc:
            raise CanonicalError(f"{path}: {exc}") from None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalError(f"{path}: object key {key!r} is not a string")
            out[key] = normalise(item, f"{path}.{key}")
        return out
    if isinstance(value, list | tuple):
        return [normalise(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, float):
        raise CanonicalError(f"{path}: floats are not allowed (use Decimal or int)")
    raise CanonicalError(f"{path}: {type(value).__name__} has no canonical JSON form")


def canonical_json(value: Any) -> bytes:
    """Return the canonical UTF-8 JSON bytes of ``value``."""
    text = json.dumps(
        normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalError(f"$: text is not valid Unicode (lone surrogate at {exc.start})") from None


def canonical_text(value: Any) -> str:
    """Return the canonical JSON of ``value`` as ``str``."""
    return canonical_json(value).decode("utf-8")


def canonical_json_native(value: Any) -> bytes:
    """Return the canonical JSON of a value that is already plain JSON (the fast path for log leaves).

    The caller guarantees str keys and only str, int, bool, None, list and dict values (no floats,
    datetimes or decimals): it is serialised without the checking walk of ``canonical_json``, which
    gives the same bytes for such values.
    """
    return _NATIVE_ENCODE(value).encode("utf-8")


# One prepared encoder: ``json.dumps`` with these options builds a new encoder on every call.
_NATIVE_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode
