"""Accepting the coach's suggestions: replace each flagged phrase with its calmer phrasing.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import NEGATIVE, Finding


def apply_suggestions(text: str, findings: Iterable[Finding], only: Iterable[str] | None = None) -> str:
    """Return ``text`` with the suggestions of negative findings applied.

    ``only``: rule ids or ``"start:end"`` keys to apply (default: all). When two findings overlap,
    the one that starts first (then the longer one) wins and the other is left alone. An empty
    suggestion deletes the phrase and tidies the spaces and commas around it. Findings that are not
    ``replaceable`` (advice on a whole sentence) are left for the writer.
    """
    wanted = set(only) if only is not None else None
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.category not in NEGATIVE or f.suggestion is None or not f.replaceable:
            continue
        if wanted is not None and f.rule not in wanted and f"{f.start}:{f.end}" not in wanted:
            continue
        if f.start < last_end:
            continue
        chosen.append(f)
        last_end = f.end
    out = text
    for f in reversed(chosen):
        out = _replace(out, f.start, f.end, f.suggestion or "")
    return out


def _replace(text: str, start: int, end: int, new: str) -> str:
    before, after = text[:start], text[end:]
    if new:
        return before + new + after
    # Deleting: do not leave "  ", " ," or a sentence that starts with ", ".
    after = after.lstrip(",") if (not before.strip() or before.rstrip()[-1:] in ".!?\n") else after
    if before.endswith((" ", "\t")) and (after[:1] in (" ", ",", ".", "!", "?", ";", ":") or not after):
        before = before.rstrip(" \t")
    elif not before.strip() or before.endswith("\n"):
        after = after.lstrip(" \t")
    if before and before.rstrip()[-1:] in ".!?" and after.lstrip()[:1].islower():
        stripped = after.lstrip()
        after = after[: len(after) - len(stripped)] + stripped[:1].upper() + stripped[1:]
    if not before and after[:1].islower():
        after = after[:1].upper() + after[1:]
    return before + after
