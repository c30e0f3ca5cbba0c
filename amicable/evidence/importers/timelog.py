"""Time logs exported as CSV from Toggl Track, Clockify or Harvest: one ``time_entry`` per row.

The layout is recognised from the header row (column names, any order, any case):

- Toggl Track detailed report: ``Start date``, ``Start time``, ``Duration`` (H:MM:SS), ``Description``,
  ``Project``, ``Billable``, ``Amount (EUR)``;
- Clockify detailed report: ``Start Date``, ``Start Time``, ``Duration (h)`` / ``Duration (decimal)``,
  ``Billable Rate (USD)``, ``Billable Amount (USD)``;
- Harvest time report: ``Date``, ``Hours``, ``Notes``, ``Billable?``, ``Billable Rate``, ``Currency``.

Money and hours are Decimal (given in ``meta`` as strings); a value that cannot be read quarantines its
row with the column and the value. Dates like 03/04/2024 are read day-first or month-first as the whole
file says (a field over 12 decides; else the tool's default, with ``meta["date_order_ambiguous"]``).
Times are the tool's local time: the user gives the zone (UTC assumed and said so otherwise).
Rows are streamed: a file of any length is never held in memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from .base import Importer, ImportResult, ParsedItem, ProgressCallback, Quarantined, content_id

LAYOUTS = ("toggl", "clockify", "harvest")
_DATE_DEFAULT = {"toggl": "YMD", "clockify": "MDY", "harvest": "YMD"}


class RowError(ValueError):
    """A row's value cannot be read; the message names the column and the value."""


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().strip("\ufeff").lower())


def detect_layout(columns: list[str]) -> str:
    """Returns "toggl", "clockify" or "harvest" for a header row, or "" when it is none of them."""
    cols = {_norm(c) for c in columns}
    if {"date", "hours"} <= cols and ({"notes", "billable?"} & cols or {"first name", "last name"} <= cols):
        return "harvest"
    if "start date" in cols and ("duration (decimal)" in cols or "duration (h)" in cols):
        return "clockify"
    if {"start date", "start time", "duration"} <= cols:
        return "toggl"
    return ""


def parse_decimal(text: str, column: str) -> Decimal | None:
    """Returns the Decimal in a cell ("1,234.50", "1.234,50", "€ 85", "85 EUR"), None when empty."""
    raw = text
    text = re.sub(r"[^\d,.\-]", "", text.strip())
    if not text:
        if raw.strip():
            raise RowError(f"{column}: not a number: {raw!r}")
        return None
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in text:
        # "1,234" groups thousands; "1,5" and "85,00" use a decimal comma.
        tail = text.rpartition(",")[2]
        text = text.replace(",", "") if len(tail) == 3 else text.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise RowError(f"{column}: not a number: {raw!r}") from exc


def parse_duration(text: str, column: str) -> int:
    """Returns seconds from "1:30:00", "01:30", "90:05:00", or decimal hours "1.5" / "1,5"."""
    text = text.strip()
    if re.fullmatch(r"\d+:\d{1,2}(:\d{1,2})?", text):
        parts = [int(p) for p in text.split(":")]
        hours, minutes, seconds = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
        if minutes > 59 or seconds > 59:
            raise RowError(f"{column}: not a duration: {text!r}")
        return hours * 3600 + minutes * 60 + seconds
    try:
        value = parse_decimal(text, column)
    except RowError:
        value = None
    if value is None or value < 0:
        raise RowError(f"{column}: not a duration: {text!r}")
    return int((value * 3600).to_integral_value())


def parse_time(text: str, column: str) -> time:
    """Returns the time of day in "13:05", "13:05:09", "1:05 PM", "01:05:09 pm"."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?", text.strip())
    if not match:
        raise RowError(f"{column}: not a time: {text!r}")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise RowError(f"{column}: not a time: {text!r}")
        hour = hour % 12 + (12 if match[4][0] in "Pp" else 0)
    try:
        return time(hour, minute, second)
    except ValueError as exc:
        raise RowError(f"{column}: not a time: {text!r}") from exc


def _date_fields(text: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})", text.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def parse_date(text: str, order: str, column: str) -> date:
    """Returns the date in an ISO, day-first or month-first cell, as ``order`` ("YMD"/"DMY"/"MDY") says."""
    fields = _date_fields(text)
    if fields is None:
        raise RowError(f"{column}: not a date: {text!r}")
    a, b, c = fields
    if len(re.split(r"[./-]", text.strip())[0]) == 4:
        order = "YMD"
    year, month, day = {"YMD": (a, b, c), "DMY": (c, b, a), "MDY": (c, a, b)}[order]
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise RowError(f"{column}: not a date: {text!r}") from exc


def decide_date_order(dates: list[str], default: str) -> tuple[str, bool]:
    """Returns (order, ambiguous?) for the non-ISO dates of a file."""
    fields = [f for f in (_date_fields(d) for d in dates) if f and f[0] <= 31]
    if not fields:
        return default, False
    if any(f[0] > 12 for f in fields):
        return "DMY", False
    if any(f[1] > 12 for f in fields):
        return "MDY", False
    return (default if default != "YMD" else "MDY"), True


class _Row:
    """Case-insensitive access to a CSV row by column name, with currency from "Amount (EUR)"."""

    def __init__(self, header: list[str], values: list[str]) -> None:
        self.cells = {_norm(h): v.strip() for h, v in zip(header, values, strict=False)}
        self.raw_header = header

    def get(self, *names: str) -> str:
        for name in names:
            if name in self.cells:
                return self.cells[name]
            for key, value in self.cells.items():  # "amount (eur)" for "amount ("
                if name.endswith("(") and key.startswith(name):
                    return value
        return ""

    def currency(self, *prefixes: str) -> str:
        for key in self.cells:
            for prefix in prefixes:
                match = re.fullmatch(re.escape(prefix) + r"\s*\(([A-Za-z]{3})\)", key)
                if match:
                    return match[1].upper()
        return ""


def _billable(text: str) -> bool | None:
    value = text.strip().lower()
    if value in ("yes", "true", "1", "y", "ja", "oui", "sí", "si"):
        return True
    if value in ("no", "false", "0", "n", "nein", "non"):
        return False
    return None


class TimeLogImporter(Importer):
    """Time-tracking CSV exports (Toggl Track, Clockify, Harvest)."""

    name = "timelog"
    version = "1"
    extensions = (".csv",)

    def sniff(self, head: bytes, filename: str) -> int:
        text = _decode(head[:8192])
        first = text.lstrip("\ufeff").split("\n", 1)[0]
        try:
            header = next(csv.reader([first], delimiter=_delimiter(first)))
        except (csv.Error, StopIteration):
            return 0
        return 92 if detect_layout(header) else 0

    def iter_items(
        self,
        path: Path,
        *,
        tz: ZoneInfo | None = None,
        tmpdir: Path,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[ImportResult]:
        self._start(on_progress)
        try:
            raw = path.open("rb")
        except OSError as exc:
            yield Quarantined("file", f"cannot read the file: {exc.strerror or exc}")
            return
        with raw:
            encoding = "utf-8-sig" if _is_utf8(raw.read(65536)) else "cp1252"
            raw.seek(0)
            text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
            first = text.readline()
            header = next(csv.reader([first], delimiter=_delimiter(first)), [])
            layout = detect_layout(header)
            if not layout:
                yield Quarantined(
                    "line 1", "not a Toggl, Clockify or Harvest CSV header: " + ", ".join(header[:8])
                )
                return
            order, ambiguous = self._date_order(path, encoding, header, layout)
            reader = csv.reader(text, delimiter=_delimiter(first))
            try:
                yield from self._rows(reader, header, layout, order, ambiguous, tz, raw)
            except csv.Error as exc:
                yield Quarantined(f"line {reader.line_num + 1}", f"unreadable CSV: {exc}")
            self._progress(path.stat().st_size)

    def _rows(
        self,
        reader: Any,  # a csv reader (its line_num gives the locator)
        header: list[str],
        layout: str,
        order: str,
        ambiguous: bool,
        tz: ZoneInfo | None,
        raw: IO[bytes],
    ) -> Iterator[ImportResult]:
        """Yields an item or a quarantined row for every data row."""
        seen: Counter[str] = Counter()
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            row = _Row(header, values)
            locator = f"line {reader.line_num + 1}"  # the header line was read before the reader
            try:
                item = self._item(row, layout, order, tz, locator)
            except RowError as exc:
                yield Quarantined(locator, str(exc))
                continue
            key = content_id("timelog", layout, *values)
            seen[key] += 1
            item.external_id = f"{key}:{seen[key]}" if seen[key] > 1 else key
            if ambiguous:
                item.meta["date_order_ambiguous"] = True
            yield item
            if number % 256 == 0:
                self._progress(raw.tell())

    @staticmethod
    def _date_order(path: Path, encoding: str, header: list[str], layout: str) -> tuple[str, bool]:
        """A first pass over the date column only (streamed) to decide day-first or month-first."""
        column = "date" if layout == "harvest" else "start date"
        dates = []
        with path.open(encoding=encoding, errors="replace", newline="") as fh:
            first = fh.readline()
            try:
                for values in csv.reader(fh, delimiter=_delimiter(first)):
                    dates.append(_Row(header, values).get(column))
                    if len(dates) >= 100_000:
                        break
            except csv.Error:
                pass  # the row-by-row pass reports it
        return decide_date_order(dates, _DATE_DEFAULT[layout])

    @staticmethod
    def _item(row: _Row, layout: str, order: str, tz: ZoneInfo | None, locator: str) -> ParsedItem:
        meta: dict[str, object] = {"layout": layout}
        if layout == "harvest":
            day = parse_date(row.get("date"), order, "Date")
            start, time_text, time_known = time(0, 0), row.get("date"), False
            seconds = parse_duration(row.get("hours"), "Hours")
            hours = parse_decimal(row.get("hours"), "Hours")
            description = row.get("notes")
            user = " ".join(filter(None, [row.get("first name"), row.get("last name")]))
            rate = parse_decimal(row.get("billable rate"), "Billable Rate")
            amount = parse_decimal(row.get("billable amount"), "Billable Amount")
            currency = row.get("currency").upper()[:3]
            billable, tags = _billable(row.get("billable?")), []
        else:
            day = parse_date(row.get("start date"), order, "Start date")
            start = parse_time(row.get("start time"), "Start time") if row.get("start time") else time(0, 0)
            time_text = f"{row.get('start date')} {row.get('start time')}".strip()
            time_known = bool(row.get("start time"))
            if layout == "clockify" and row.get("duration (decimal)"):
                seconds = parse_duration(row.get("duration (decimal)"), "Duration (decimal)")
                hours = parse_decimal(row.get("duration (decimal)"), "Duration (decimal)")
            else:
                column = "duration (h)" if layout == "clockify" else "duration"
                seconds = parse_duration(row.get(column), column.capitalize())
                hours = None
            description = row.get("description")
            user = row.get("user", "member", "email")
            rate = parse_decimal(
                row.get("billable rate (", "rate (", "hourly rate (", "billable rate"), "Rate"
            )
            amount = parse_decimal(
                row.get("billable amount (", "amount (", "billable amount", "amount"), "Amount"
            )
            currency = row.currency("billable amount", "amount", "billable rate", "rate")
            billable = _billable(row.get("billable"))
            tags = [t.strip() for t in row.get("tags").split(",") if t.strip()]
        if hours is None:
            hours = (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.0001")).normalize()
        meta.update(
            {
                "duration_seconds": seconds,
                "hours": str(hours),
                "project": row.get("project"),
                "client": row.get("client"),
                "task": row.get("task"),
                "billable": billable,
                "tags": tags,
                "time_known": time_known,
            }
        )
        for key, value in (("rate", rate), ("amount", amount)):
            if value is not None:
                meta[key] = str(value)
        if currency:
            meta["currency"] = currency
        if tz is None:
            meta["tz_assumed"] = "UTC"
        project = row.get("project")
        return ParsedItem(
            kind="time_entry",
            occurred_at=datetime.combine(day, start, tzinfo=tz or UTC),
            original_time_text=time_text,
            original_tz=tz.key if tz is not None else "",
            author=user,
            participants=[user] if user else [],
            subject=project or description[:80],
            body=description,
            thread_key=f"timelog:{project}" if project else "",
            locator=locator,
            meta=meta,
        )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:  # a character cut by the end of the sample
            return data[: exc.start].decode("utf-8-sig")
        return data.decode("cp1252", errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start > len(data) - 4


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
