import json

import typer
from typer.testing import CliRunner

from amicable.contracts.cli import register

from . import samples


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    register(app)
    return app


def test_it_prints_the_outline_terms_and_health(tmp_path):
    path = tmp_path / "c.md"
    path.write_bytes(samples.as_markdown())
    result = CliRunner().invoke(make_app(), ["contract", "analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "3.2" in result.output and "Late payment" in result.output
    assert "Invoices are due 14 days after issue (clause 3.2)." in result.output
    assert "[MISSING] Acceptance period" in result.output


def test_it_prints_json(tmp_path):
    path = tmp_path / "c.pdf"
    path.write_bytes(samples.as_pdf())
    result = CliRunner().invoke(make_app(), ["contract", "analyze", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    clause = next(c for c in data["clauses"] if c["number"] == "3.2")
    assert set(clause) >= {"number", "heading", "text", "start", "end", "page", "types"}
    assert clause["page"] == 1
    assert {"type", "confidence", "triggers"} <= set(clause["types"][0])
    assert any(t["name"] == "late_fee" and t["value"]["rate"] == "1.5" for t in data["terms"])
    assert data["health"][0]["present"] is False


def test_it_exits_with_a_clear_error_for_unreadable_files(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(samples.as_pdf(encrypt=True))
    result = CliRunner().invoke(make_app(), ["contract", "analyze", str(path), "--json"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "encrypted"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(make_app(), ["contract", "analyze", str(empty)])
    assert result.exit_code == 2
    assert "empty" in result.output
