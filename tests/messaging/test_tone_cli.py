"""`amicable tone check` on a local Typer app (no database needed)."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from amicable.messaging.cli import register


def invoke(*args: str, stdin: str | None = None):
    app = typer.Typer()
    register(app)
    return CliRunner().invoke(app, ["tone", "check", *args], input=stdin)


def test_it_prints_json_for_a_file(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("You never reply to my emails!!", encoding="utf-8")
    result = invoke(str(draft), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "revise" and 0 <= data["score"] < 100
    first = data["findings"][0]
    assert {"start", "end", "category", "message", "suggestion"} <= set(first)
    assert "You never reply to my emails!!"[first["start"] : first["end"]] == first["text"]


def test_it_reads_standard_input_and_prints_a_readable_report():
    result = invoke("-", stdin="This is bullshit. Pay me NOW!!!")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("WAIT")
    assert "bullshit" in result.stdout and "Calmer wording" in result.stdout


def test_it_says_when_a_draft_is_ready():
    result = invoke("-", stdin="Thanks, I'll send the files on Monday.")
    assert result.exit_code == 0 and result.stdout.startswith("SEND 100/100")


def test_it_fails_clearly_on_a_missing_file():
    result = invoke("/nonexistent/draft.txt")
    assert result.exit_code == 1
    assert "File not found: /nonexistent/draft.txt" in " ".join(result.stderr.split())


def test_it_checks_a_batch_and_reports_bad_lines_without_stopping(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "You never pay on time."}),
        "not json at all",
        json.dumps({"id": 7, "body": "no text field"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": "b", "text": "Thanks, invoice #12 is attached."}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("--batch", str(src), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["a", None, 7, None, "b"]
    assert rows[0]["verdict"] == "revise" and rows[4]["verdict"] == "send"
    assert rows[1] == {"id": None, "line": 2, "error": rows[1]["error"]} and "not valid JSON" in rows[1]["error"]
    assert rows[2]["line"] == 3 and '"text" is missing' in rows[2]["error"]
    assert rows[3]["line"] == 4 and "JSON object" in rows[3]["error"]
    assert "5 checked, 3 with errors." in result.stderr


def test_it_writes_batch_results_to_stdout_by_default(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "Whatever."}) + "\n", encoding="utf-8")
    result = invoke("--batch", str(src))
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["id"] == 1


def test_it_fails_clearly_on_a_missing_batch_file():
    result = invoke("--batch", "/nonexistent.jsonl")
    assert result.exit_code == 1 and "Batch file not found" in result.stderr
