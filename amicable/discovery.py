"""Find the optional per-app modules (urls, api, cli, playbook, testing) of the amicable apps."""

from __future__ import annotations

import importlib
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> list[tuple[str, ModuleType]]:
    """(app, module) for every amicable app that has a module `amicable.<app>.<name>`."""
    found = []
    for app in settings.AMICABLE_APPS:
        dotted = f"amicable.{app}.{name}"
        try:
            found.append((app, importlib.import_module(dotted)))
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
    return found
