"""Test settings: every run gets its own data directory; background tasks run immediately."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("AMICABLE_HOME", tempfile.mkdtemp(prefix="amicable-test-"))
os.environ.setdefault("AMICABLE_TASK_BACKEND", "immediate")


def pytest_configure(config):  # noqa: ARG001
    """Hash test passwords cheaply; the test that checks argon2 turns it back on for itself."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 "django.contrib.auth.hashers.Argon2PasswordHasher"]
