"""Evidence importers: turn source files into ParsedItem / Quarantined streams (pure Python).

See ``base.py`` for the interface and ``docs/importers.md`` for the formats.
"""

from .base import KINDS, Importer, ParsedAttachment, ParsedItem, Quarantined
from .registry import all_importers, detect, get_importer, run_importer

__all__ = [
    "KINDS",
    "Importer",
    "ParsedAttachment",
    "ParsedItem",
    "Quarantined",
    "all_importers",
    "detect",
    "get_importer",
    "run_importer",
]
