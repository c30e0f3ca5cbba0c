from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from amicable.evidence.importers import detect
from amicable.evidence.importers.timelog import (
    RowError,
    TimeLogImporter,
    decide_date_order,
    detect_layout,
    parse_decimal,
    parse_duration,
    parse_time,
)

LOGS = Path(__file__).resolve().parents[2] / "data" / "evidence" / "timelogs"
LISBON = ZoneInfo("Europe/Lisbon")


def test_it_reads_a_toggl_report_and_quarantines_a_bad_row(run):
    items, quarantined, progress = run(TimeLogImporter(), LOGS / "toggl.csv", tz=LISBON)
    revision, call = items
    assert revision.kind == "time_entry"
    assert revision.occurred_at == datetime(2024, 3, 5, 9, 0, tzinfo=LISBON)
    assert revision.original_time_text == "2024-03-05 09:00:00" and revision.original_tz == "Europe/Lisbon"
    assert (
        revision.author == "Ana Souza" and revision.subject == "Logo" and revision.body == "Revision round 3"
    )
    assert revision.meta == {
        "layout": "toggl",
        "duration_seconds": 5400,
        "hours": "1.5",
        "project": "Logo",
        "client": "Ben Co",
        "task": "",
        "billable": True,
        "tags": ["revisions", "extra"],
        "time_known": True,
        "amount": "127.50",
        "currency": "EUR",
    }
    assert Decimal(revision.meta["amount"]) == Decimal("127.50")
    assert call.meta["billable"] is False and call.meta["duration_seconds"] == 1200
    assert [(q.locator, q.reason) for q in quarantined] == [
        ("line 4", "Duration: not a duration: 'one hour'")
    ]
    assert revision.locator == "line 2"
    assert revision.external_id != call.external_id
    assert progress[-1] == (LOGS / "toggl.csv").stat().st_size


def test_it_reads_a_clockify_report_with_a_12_hour_clock_and_rates(run):
    banner, fixes = run(TimeLogImporter(), LOGS / "clockify.csv")[0]
    assert banner.occurred_at == datetime(2024, 3, 14, 13, 0, tzinfo=UTC)
    assert banner.meta["tz_assumed"] == "UTC"
    assert banner.meta["hours"] == "2.25" and banner.meta["duration_seconds"] == 8100
    assert (
        banner.meta["rate"] == "90.00"
        and banner.meta["amount"] == "202.50"
        and banner.meta["currency"] == "USD"
    )
    assert banner.meta["tags"] == ["scope_change"]
    # 03/14 settles the file as month-first, so 03/02 is the 2nd of March.
    assert fixes.occurred_at == datetime(2024, 3, 2, 9, 30, tzinfo=UTC)
    assert "date_order_ambiguous" not in fixes.meta


def test_it_reads_a_harvest_report_with_semicolons_and_decimal_commas(run):
    final, export = run(TimeLogImporter(), LOGS / "harvest_semicolon.csv")[0]
    assert final.occurred_at == datetime(2024, 3, 11, tzinfo=UTC) and final.meta["time_known"] is False
    assert final.author == "Ana Souza" and final.body == "Final files" and final.subject == "Logo"
    assert final.meta["hours"] == "1.5" and final.meta["duration_seconds"] == 5400
    assert (
        final.meta["rate"] == "85.00" and final.meta["amount"] == "127.50" and final.meta["currency"] == "EUR"
    )
    assert final.meta["billable"] is True and export.meta["billable"] is False


def test_it_quarantines_a_csv_that_is_no_known_layout(run, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,amount\nAna,5\n")
    items, quarantined, _ = run(TimeLogImporter(), path)
    assert items == []
    assert quarantined[0].reason == "not a Toggl, Clockify or Harvest CSV header: name, amount"
    assert detect(path).name == "text"


def test_it_is_detected_from_the_header_row(tmp_path):
    for name in ("toggl.csv", "clockify.csv", "harvest_semicolon.csv"):
        copy = tmp_path / (name + ".export")
        copy.write_bytes((LOGS / name).read_bytes())
        assert detect(copy).name == "timelog"


def test_it_gives_repeated_identical_rows_distinct_ids(run, tmp_path):
    lines = (LOGS / "toggl.csv").read_text().splitlines()
    path = tmp_path / "dup.csv"
    path.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n")
    first, second = run(TimeLogImporter(), path)[0]
    assert first.external_id != second.external_id
    assert second.external_id == first.external_id + ":2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.50", "127.50"),
        ("1,234.50", "1234.50"),
        ("1.234,50", "1234.50"),
        ("85,00", "85.00"),
        ("€ 85", "85"),
        ("1,234", "1234"),
        ("", None),
    ],
)
def test_it_parses_money_as_decimal(text, expected):
    assert parse_decimal(text, "Amount") == (Decimal(expected) if expected else None)


def test_it_names_the_column_of_a_bad_number():
    with pytest.raises(RowError, match="Amount: not a number: 'n/a'"):
        parse_decimal("n/a", "Amount")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1:30:00", 5400), ("01:30", 5400), ("90:05:00", 324300), ("1.5", 5400), ("0,25", 900)],
)
def test_it_parses_durations(text, seconds):
    assert parse_duration(text, "Duration") == seconds


def test_it_refuses_impossible_durations_and_times():
    with pytest.raises(RowError):
        parse_duration("1:75:00", "Duration")
    with pytest.raises(RowError):
        parse_time("13:00 PM", "Start time")
    assert parse_time("12:05 AM", "t").hour == 0 and parse_time("12:05 PM", "t").hour == 12


def test_it_decides_the_date_order_of_a_file():
    assert decide_date_order(["03/02/2024", "25/02/2024"], "MDY") == ("DMY", False)
    assert decide_date_order(["03/02/2024", "02/25/2024"], "DMY") == ("MDY", False)
    assert decide_date_order(["03/02/2024"], "MDY") == ("MDY", True)
    assert decide_date_order(["2024-03-02"], "YMD") == ("YMD", False)


def test_it_recognises_layouts_by_column_names():
    assert detect_layout(["Date", "Client", "Project", "Notes", "Hours", "Billable?"]) == "harvest"
    assert detect_layout(["Start Date", "Start Time", "Duration (h)", "Duration (decimal)"]) == "clockify"
    assert detect_layout(["Start date", "Start time", "Duration", "Description"]) == "toggl"
    assert detect_layout(["when", "what"]) == ""


def test_it_quarantines_a_csv_field_over_the_size_limit(run, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text('Start date,Start time,Duration\n2024-01-01,09:00,1:00\n"' + "a" * 200_000 + "\n")
    items, quarantined, _ = run(TimeLogImporter(), path)
    assert len(items) == 1
    assert quarantined[0].reason == "unreadable CSV: field larger than field limit (131072)"
