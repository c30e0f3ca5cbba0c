from pathlib import Path

from amicable.contracts.api import router

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_it_documents_every_contracts_route():
    text = (DOCS / "api.md").read_text()
    routes = [f"{method} /api{path}" for path, view in router.path_operations.items()
              for operation in view.operations for method in operation.methods]
    assert len(routes) == 5
    assert [r for r in routes if f"### `{r}`" not in text] == []


def test_it_documents_the_quote_parameter_for_the_composer():
    assert "`?quote=`" in (DOCS / "contracts.md").read_text()
