"""docs/api.md must describe every route of the cases router, as a "### `METHOD /api/path`" section."""

from pathlib import Path

from amicable.cases.api import router

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_it_documents_every_cases_route():
    text = DOC.read_text()
    routes = [f"{method} /api{path}" for path, view in router.path_operations.items()
              for operation in view.operations for method in operation.methods]
    assert len(routes) >= 25
    missing = [r for r in routes if f"### `{r}`" not in text]
    assert not missing, f"docs/api.md does not describe: {missing}"
