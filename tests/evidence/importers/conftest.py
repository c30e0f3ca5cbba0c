"""Fixtures for the importer tests: ``run`` runs an importer and splits items from quarantined."""

from pathlib import Path

import pytest

from amicable.evidence.importers.base import ParsedItem, Quarantined


@pytest.fixture
def run(tmp_path):
    """Returns run(importer, path, tz=None) -> (items, quarantined, progress figures)."""

    def _run(importer, path, tz=None):
        progress = []
        results = list(importer.iter_items(Path(path), tz=tz, tmpdir=tmp_path, on_progress=progress.append))
        items = [r for r in results if isinstance(r, ParsedItem)]
        quarantined = [r for r in results if isinstance(r, Quarantined)]
        assert len(items) + len(quarantined) == len(results)
        return items, quarantined, progress

    return _run
